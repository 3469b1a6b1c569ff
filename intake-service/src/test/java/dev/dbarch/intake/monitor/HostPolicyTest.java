package dev.dbarch.intake.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbarch.servicekit.problem.ProblemException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The host policy: built-in denials, the deny list, the allowlist, and names that resolve. */
class HostPolicyTest {

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A resolver for made-up names; literals resolve as themselves, as the JDK does. */
  private static final Map<String, InetAddress[]> DNS =
      Map.of(
          "db.internal", new InetAddress[] {ip("10.1.2.3")},
          "shop.db.internal", new InetAddress[] {ip("10.20.0.7")},
          "rebind.example", new InetAddress[] {ip("10.20.0.8"), ip("169.254.169.254")},
          "metadata.example", new InetAddress[] {ip("169.254.169.254")},
          "localhost", new InetAddress[] {ip("127.0.0.1")});

  private static HostPolicy policy(List<String> allow, List<String> deny) {
    return new HostPolicy(
        allow, deny, name -> DNS.containsKey(name) ? DNS.get(name) : new InetAddress[] {ip(name)});
  }

  private static void denied(HostPolicy policy, String host) {
    assertThatThrownBy(() -> policy.check(host))
        .as(host)
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().status()).isEqualTo(400);
              assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("host");
            });
  }

  @Test
  void linkLocalAndMetadataAreAlwaysDenied() {
    HostPolicy policy = policy(List.of(), List.of());
    for (String host :
        List.of(
            "169.254.169.254",
            "169.254.1.1",
            "metadata.google.internal",
            "METADATA.google.internal.",
            "metadata.example",
            "fe80::1",
            "[fe80::1]",
            "fd00:ec2::254",
            "[fd00:ec2::254]",
            "::ffff:169.254.169.254",
            "::169.254.169.254",
            "64:ff9b::a9fe:a9fe",
            "0.0.0.0",
            "::",
            "224.0.0.1",
            "rebind.example",
            "a b",
            "user@host")) {
      denied(policy, host);
    }
  }

  @Test
  void loopbackAndPrivateAddressesPassByDefault() {
    HostPolicy policy = policy(List.of(), List.of());
    assertThat(policy.check("localhost")).isEqualTo(ip("127.0.0.1"));
    assertThat(policy.check("127.0.0.1")).isEqualTo(ip("127.0.0.1"));
    assertThat(policy.check("::1")).isEqualTo(ip("::1"));
    assertThat(policy.check("db.internal")).isEqualTo(ip("10.1.2.3"));
  }

  @Test
  void theDenyListTakesNamesAddressesAndBlocks() {
    HostPolicy policy = policy(List.of(), List.of("*.internal", "192.168.0.0/16", "127.0.0.2"));
    denied(policy, "db.internal");
    denied(policy, "192.168.44.5");
    denied(policy, "127.0.0.2");
    assertThat(policy.check("127.0.0.1")).isEqualTo(ip("127.0.0.1"));
  }

  @Test
  void anAllowlistLetsOnlyItsHostsThrough() {
    HostPolicy policy = policy(List.of("*.db.internal", "10.1.0.0/16"), List.of());
    assertThat(policy.check("shop.db.internal")).isEqualTo(ip("10.20.0.7"));
    assertThat(policy.check("db.internal")).isEqualTo(ip("10.1.2.3"));
    assertThat(policy.check("10.1.200.1")).isEqualTo(ip("10.1.200.1"));
    denied(policy, "localhost");
    denied(policy, "10.2.0.1");
    // The allowlist never overrides the built-in denials.
    denied(policy, "rebind.example");
    HostPolicy metadataAllowed = policy(List.of("169.254.0.0/16"), List.of());
    denied(metadataAllowed, "169.254.169.254");
  }

  @Test
  void unresolvableHostsAreUnprocessable() {
    HostPolicy policy = new HostPolicy(List.of(), List.of(), name -> new InetAddress[0]);
    assertThatThrownBy(() -> policy.check("nowhere.invalid"))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(422));
  }

  @Test
  void credentialsPointAtTheCheckedAddressAndHideThePassword() {
    Credentials v4 = new Credentials("pw-secret", ip("127.0.0.1"));
    Credentials v6 = new Credentials("pw-secret", ip("::1"));
    assertThat(v4.host()).isEqualTo("127.0.0.1");
    assertThat(v6.host()).isEqualTo("[0:0:0:0:0:0:0:1]");
    assertThat(v6.address()).isEqualTo("0:0:0:0:0:0:0:1");
    assertThat(v4.toString()).doesNotContain("pw-secret");
  }
}
