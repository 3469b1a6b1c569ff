package dev.dbarch.intake.monitor;

import java.net.InetAddress;

/**
 * What a connection to a monitored database may use: the resolved password and the address that
 * passed the host policy. Connections take this rather than a bare password, so none can be opened
 * without the policy check. Its string form never shows the password.
 */
public final class Credentials {

  private final String password;
  private final InetAddress address;

  Credentials(String password, InetAddress address) {
    this.password = password;
    this.address = address;
  }

  /** The secret itself. Never log or return it. */
  public String password() {
    return password;
  }

  /** The checked address, in the form a JDBC URL or Debezium's database.hostname takes. */
  public String host() {
    String literal = address.getHostAddress();
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    return HostPolicy.isIpv6(address) ? "[" + literal + "]" : literal;
  }

  /** The checked address without URL brackets (Debezium takes a bare address). */
  public String address() {
    String literal = address.getHostAddress();
    int zone = literal.indexOf('%');
    return zone >= 0 ? literal.substring(0, zone) : literal;
  }

  @Override
  public String toString() {
    return "Credentials[address=" + address() + ", password=***]";
  }
}
