package dev.dbarch.tools.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys on disk with the right modes, and tokens whose signature the public key verifies. */
class DevAuthTest {

  @TempDir Path dir;

  @Test
  void createsTheKeyPairOnceWithAPrivateFileOnlyTheOwnerReads() throws Exception {
    Path auth = dir.resolve("auth");
    assertThat(KeyFiles.ensure(auth)).isTrue();
    String firstPublic = Files.readString(auth.resolve(KeyFiles.PUBLIC_KEY));
    assertThat(KeyFiles.ensure(auth)).as("second run keeps the pair").isFalse();
    assertThat(Files.readString(auth.resolve(KeyFiles.PUBLIC_KEY))).isEqualTo(firstPublic);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(auth.resolve(KeyFiles.PRIVATE_KEY))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(auth)))
        .isEqualTo("rwx------");
    assertThat(firstPublic).startsWith("-----BEGIN PUBLIC KEY-----");
  }

  @Test
  void aTokenCarriesTheClaimsAndVerifiesWithThePublicKey() throws Exception {
    KeyFiles.ensure(dir);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        DevAuth.run(
            new String[] {"token", dir.toString(), "viewer", "--tenant", "acme", "--ttl", "30m"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    assertThat(status).isZero();
    String token = out.toString(StandardCharsets.UTF_8).strip();
    String[] parts = token.split("\\.");
    assertThat(parts).hasSize(3);
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    assertThat(payload)
        .contains("\"iss\":\"dbarch\"")
        .contains("\"aud\":\"dbarch\"")
        .contains("\"groups\":[\"viewer\"]")
        .contains("\"tenant\":\"acme\"");
    long iat = Long.parseLong(payload.replaceAll(".*\"iat\":([0-9]+).*", "$1"));
    long exp = Long.parseLong(payload.replaceAll(".*\"exp\":([0-9]+).*", "$1"));
    assertThat(exp - iat).isEqualTo(1800);

    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(KeyFiles.publicOf(KeyFiles.readPrivate(dir.resolve(KeyFiles.PRIVATE_KEY))));
    rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("PRIVATE");
  }

  @Test
  void withoutRolesATokenHasAllThreeAndTenantLocal() {
    Tokens.Claims claims = DevAuth.claims(java.util.List.of());
    assertThat(claims.roles()).containsExactly("submitter", "viewer", "admin");
    assertThat(claims.tenant()).isEqualTo("local");
  }

  @Test
  void refusesUnknownRolesBadTenantsAndTtls() {
    assertThatThrownBy(() -> DevAuth.claims(java.util.List.of("root")))
        .hasMessageContaining("Unknown role or option 'root'");
    assertThatThrownBy(() -> DevAuth.claims(java.util.List.of("--tenant", "Acme Corp")))
        .hasMessageContaining("--tenant");
    assertThatThrownBy(() -> Tokens.parseTtl("forever")).hasMessageContaining("--ttl");
    assertThatThrownBy(() -> Tokens.parseTtl("31d")).hasMessageContaining("30 days");
    assertThat(Tokens.parseTtl("90")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aTokenWithoutAKeyPairSaysHowToGetOne() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        DevAuth.run(
            new String[] {"token", dir.resolve("none").toString()},
            System.out,
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("./dbarch up");
  }
}
