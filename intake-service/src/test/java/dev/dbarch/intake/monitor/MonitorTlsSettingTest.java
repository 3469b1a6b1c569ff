package dev.dbarch.intake.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbarch.contracts.monitor.MonitorRegistration.Tls;
import dev.dbarch.contracts.monitor.MonitorRegistration.TlsMode;
import dev.dbarch.servicekit.problem.ProblemException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS setting of a registration: the require-tls switch, and the CA reference kept in the same
 * scope as passwords. Every refusal comes before the host is even resolved.
 */
class MonitorTlsSettingTest {

  @TempDir Path root;
  Path dir;
  SecretReference.Scope scope;
  final AtomicInteger lookups = new AtomicInteger();

  @BeforeEach
  void setUp() throws Exception {
    dir = Files.createDirectories(root.resolve("secrets"));
    Files.writeString(dir.resolve("shop.password"), "s3cret\n");
    Files.writeString(root.resolve("outside-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    scope =
        new SecretReference.Scope(
            Optional.of(dir), "DBARCH_SECRET_", 4096, Map.<String, String>of()::get);
  }

  private MonitorAccess access(boolean requireTls) {
    HostPolicy hosts =
        new HostPolicy(
            List.of(),
            List.of(),
            name -> {
              lookups.incrementAndGet();
              try {
                return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
              } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
              }
            });
    return new MonitorAccess(scope, hosts, requireTls);
  }

  private void refused(MonitorAccess access, Tls tls, int status, String field) {
    assertThatThrownBy(() -> access.credentials("db.internal", "file:shop.password", tls))
        .as(String.valueOf(tls))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().status()).isEqualTo(status);
              assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly(field);
              assertThat(e.problem().detail()).doesNotContain("s3cret");
            });
  }

  @Test
  void requireTlsRefusesEverythingButVerifyFull() {
    MonitorAccess strict = access(true);
    refused(strict, null, 400, "tls.mode");
    refused(strict, new Tls(TlsMode.DISABLE, null), 400, "tls.mode");
    refused(strict, new Tls(TlsMode.REQUIRE, null), 400, "tls.mode");
    assertThat(lookups).as("host lookups before the refusal").hasValue(0);
  }

  @Test
  void withoutTheSwitchPlainAndRequireAreAccepted() {
    MonitorAccess lenient = access(false);
    assertThat(lenient.credentials("db.internal", "file:shop.password", null).tlsMode()).isNull();
    assertThat(
            lenient
                .credentials("db.internal", "file:shop.password", new Tls(TlsMode.REQUIRE, null))
                .tlsMode())
        .isEqualTo(TlsMode.REQUIRE);
  }

  @Test
  void caReferencesStayInTheSecretsDirectory() {
    MonitorAccess strict = access(true);
    for (String ref :
        List.of(
            "file:../outside-ca.pem",
            "file:" + root.resolve("outside-ca.pem"),
            "file:/etc/ssl/certs/ca-certificates.crt",
            "env:DBARCH_SECRET_CA",
            "/etc/ssl/certs/ca-certificates.crt")) {
      refused(strict, new Tls(TlsMode.VERIFY_FULL, ref), 400, "tls.caRef");
    }
    refused(strict, new Tls(TlsMode.VERIFY_FULL, null), 400, "tls.caRef");
    refused(access(false), new Tls(TlsMode.REQUIRE, "file:ca.pem"), 400, "tls.caRef");
    refused(access(false), new Tls(null, "file:ca.pem"), 400, "tls.mode");
    assertThat(lookups).as("host lookups before the refusal").hasValue(0);
  }

  @Test
  void aCaReferenceToAPasswordFileIsNotHandedToTheDriver() {
    refused(access(true), new Tls(TlsMode.VERIFY_FULL, "file:shop.password"), 422, "tls.caRef");
  }
}
