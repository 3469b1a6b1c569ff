package dev.dbarch.intake.monitor;

import dev.dbarch.contracts.monitor.MonitorRegistration.TlsMode;
import java.net.InetAddress;
import java.nio.file.Path;

/**
 * What a connection to a monitored database may use: the resolved password, the address that passed
 * the host policy and the checked TLS setting. Connections take this rather than a bare password,
 * so none can be opened without the policy check. Its string form never shows the password.
 */
public final class Credentials {

  private final String password;
  private final InetAddress address;
  private final String hostName;
  private final TlsMode tlsMode;
  private final Path caFile;

  Credentials(String password, InetAddress address) {
    this(password, address, address.getHostAddress(), null, null);
  }

  /**
   * @param hostName the host as registered: what {@code verify-full} checks the server's
   *     certificate against
   * @param tlsMode {@code null}: a monitor registered before the TLS setting, the drivers' defaults
   * @param caFile the CA certificate inside the secrets directory, for {@code verify-full}
   */
  Credentials(String password, InetAddress address, String hostName, TlsMode tlsMode, Path caFile) {
    this.password = password;
    this.address = address;
    this.hostName = hostName;
    this.tlsMode = tlsMode;
    this.caFile = caFile;
  }

  /** The secret itself. Never log or return it. */
  public String password() {
    return password;
  }

  /** The checked address, in the form a JDBC URL or Debezium's database.hostname takes. */
  public String host() {
    String literal = address();
    return HostPolicy.isIpv6(address) ? "[" + literal + "]" : literal;
  }

  /** The checked address without URL brackets (Debezium takes a bare address). */
  public String address() {
    String literal = address.getHostAddress();
    int zone = literal.indexOf('%');
    return zone >= 0 ? literal.substring(0, zone) : literal;
  }

  /** The host as registered, for certificate verification (bare, without URL brackets). */
  public String hostName() {
    return hostName.startsWith("[") && hostName.endsWith("]")
        ? hostName.substring(1, hostName.length() - 1)
        : hostName;
  }

  /** {@code null} for a monitor registered before the TLS setting. */
  public TlsMode tlsMode() {
    return tlsMode;
  }

  /** The checked CA certificate's real path inside the secrets directory, or {@code null}. */
  public Path caFile() {
    return caFile;
  }

  /** Whether the server's certificate is verified: then its name, not its address, is dialled. */
  public boolean verifyFull() {
    return tlsMode == TlsMode.VERIFY_FULL;
  }

  @Override
  public String toString() {
    return "Credentials[address="
        + address()
        + ", tls="
        + (tlsMode == null ? "default" : tlsMode.label())
        + ", password=***]";
  }
}
