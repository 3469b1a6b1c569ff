package dev.dbarch.intake.monitor;

import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which hosts intake may open a connection to for a monitor. Checked before every connection
 * (registration preflight, catalog reads, workload polls, the Debezium engine): the host name is
 * resolved once, every address it resolves to must pass, and the connection then goes to the
 * checked address rather than resolving the name again (so a DNS answer that changes in between
 * cannot redirect it).
 *
 * <p>Always refused: link-local addresses (169.254.0.0/16, fe80::/10) which include the cloud
 * metadata endpoints 169.254.169.254 and fd00:ec2::254, the name metadata.google.internal, the
 * wildcard and multicast addresses. Loopback is allowed: local development runs its databases
 * there. When an allowlist is configured, only hosts matching it pass.
 */
public final class HostPolicy {

  private static final Set<String> METADATA_NAMES =
      Set.of("metadata.google.internal", "metadata", "instance-data", "metadata.azure.internal");
  private static final List<Rule> BUILT_IN =
      List.of(Rule.of("169.254.0.0/16"), Rule.of("fe80::/10"), Rule.of("fd00:ec2::254/128"));

  private final List<Rule> allow;
  private final List<Rule> deny;
  private final Function<String, InetAddress[]> resolver;

  public HostPolicy(List<String> allow, List<String> deny) {
    this(allow, deny, HostPolicy::lookup);
  }

  HostPolicy(List<String> allow, List<String> deny, Function<String, InetAddress[]> resolver) {
    this.allow = allow.stream().map(Rule::of).toList();
    List<Rule> denied = new ArrayList<>(BUILT_IN);
    deny.stream().map(Rule::of).forEach(denied::add);
    this.deny = List.copyOf(denied);
    this.resolver = resolver;
  }

  public static HostPolicy of(MonitorConfig config) {
    return new HostPolicy(
        config.allowedHosts().orElse(List.of()), config.deniedHosts().orElse(List.of()));
  }

  /**
   * The address to connect to for {@code host}: 400 naming {@code host} when the policy refuses it,
   * 422 when it does not resolve. No socket is opened here (a name lookup only).
   */
  public InetAddress check(String host) {
    String name = normalise(host);
    if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
      throw denied(host, "is not a host name or address");
    }
    if (METADATA_NAMES.contains(name)) {
      throw denied(host, "is a cloud metadata endpoint");
    }
    for (Rule rule : deny) {
      if (rule.matchesName(name)) {
        throw denied(host, "is on the deny list");
      }
    }
    InetAddress[] addresses = resolver.apply(name);
    if (addresses == null || addresses.length == 0) {
      throw new ProblemException(
          Problem.of(
              422,
              "Unprocessable Content",
              "Host '" + host + "' cannot be resolved.",
              List.of(new Problem.FieldError("host", "cannot be resolved"))));
    }
    for (InetAddress address : addresses) {
      String why = refusal(address);
      if (why != null) {
        throw denied(host, "resolves to " + address.getHostAddress() + ", " + why);
      }
    }
    if (!allow.isEmpty()) {
      boolean byName = allow.stream().anyMatch(r -> r.matchesName(name));
      boolean byAddress = true;
      for (InetAddress address : addresses) {
        byAddress &= allow.stream().anyMatch(r -> r.matches(address));
      }
      if (!byName && !byAddress) {
        throw denied(host, "is not on the allowlist (dbarch.monitor.allowed-hosts)");
      }
    }
    return addresses[0];
  }

  private String refusal(InetAddress address) {
    if (address.isAnyLocalAddress()) {
      return "the wildcard address";
    }
    if (address.isMulticastAddress()) {
      return "a multicast address";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local address (cloud metadata lives there)";
    }
    InetAddress embedded = embeddedIpv4(address);
    if (embedded != null && refusal(embedded) != null) {
      return "an IPv6 form of a refused IPv4 address";
    }
    for (Rule rule : deny) {
      if (rule.matches(address)) {
        return "which is denied";
      }
    }
    return null;
  }

  /** The IPv4 address inside an IPv4-compatible or NAT64 IPv6 address, else null. */
  private static InetAddress embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return null;
    }
    byte[] b = address.getAddress();
    boolean compatible = true;
    for (int i = 0; i < 12; i++) {
      compatible &= b[i] == 0;
    }
    boolean nat64 =
        b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b; // 64:ff9b::/96
    if (!compatible && !nat64) {
      return null;
    }
    try {
      return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static String normalise(String host) {
    String name = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    while (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    return name;
  }

  private static InetAddress[] lookup(String name) {
    try {
      return InetAddress.getAllByName(name);
    } catch (UnknownHostException e) {
      return new InetAddress[0];
    }
  }

  private static ProblemException denied(String host, String why) {
    String message = "host " + why + "; monitors may not connect to it";
    return new ProblemException(
        Problem.of(
            400,
            "Invalid request",
            "Host '" + host + "' " + why + "; monitors may not connect to it.",
            List.of(new Problem.FieldError("host", message))));
  }

  /** A host name glob, or an address / CIDR block. */
  record Rule(Pattern glob, byte[] network, int prefix) {

    static Rule of(String text) {
      String rule = normalise(text);
      int slash = rule.indexOf('/');
      String addressPart = slash < 0 ? rule : rule.substring(0, slash);
      if (looksLikeAddress(addressPart)) {
        try {
          byte[] network = InetAddress.getByName(addressPart).getAddress();
          int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(rule.substring(slash + 1));
          if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("Bad CIDR prefix in host rule '" + text + "'");
          }
          return new Rule(null, network, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
          throw new IllegalArgumentException("Bad address in host rule '" + text + "'", e);
        }
      }
      StringBuilder regex = new StringBuilder();
      for (char c : rule.toCharArray()) {
        regex.append(c == '*' ? "[a-z0-9.-]*" : Pattern.quote(String.valueOf(c)));
      }
      return new Rule(Pattern.compile(regex.toString()), null, 0);
    }

    private static boolean looksLikeAddress(String text) {
      return text.contains(":") || text.matches("[0-9.]+");
    }

    boolean matchesName(String name) {
      return glob != null ? glob.matcher(name).matches() : false;
    }

    boolean matches(InetAddress address) {
      if (network == null) {
        return false;
      }
      byte[] candidate = address.getAddress();
      if (candidate.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (candidate[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (candidate[full] & mask) == (network[full] & mask);
    }
  }

  /** Whether {@code address} is IPv6 (its URL form needs brackets). */
  static boolean isIpv6(InetAddress address) {
    return !(address instanceof Inet4Address);
  }
}
