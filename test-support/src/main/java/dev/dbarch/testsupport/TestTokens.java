package dev.dbarch.testsupport;

import dev.dbarch.tools.auth.KeyFiles;
import dev.dbarch.tools.auth.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Bearer tokens for tests, signed with the test-only key pair in {@code dbarch-test-auth/} (which
 * the services trust in their {@code %test} profile, and nothing else ever should).
 */
public final class TestTokens {

  /** The tenant tests act as unless they say otherwise. */
  public static final String TENANT = "test";

  /** Where the services' {@code %test} profile finds the public key (classpath). */
  public static final String PUBLIC_KEY_RESOURCE = "dbarch-test-auth/test-only-public-key.pem";

  private static final PrivateKey KEY = load("dbarch-test-auth/test-only-private-key.pem");

  private TestTokens() {}

  /** A token of {@link #TENANT} with these roles. */
  public static String token(String... roles) {
    return forTenant(TENANT, roles);
  }

  public static String forTenant(String tenant, String... roles) {
    return Tokens.mint(KEY, Tokens.Claims.of(tenant, List.of(roles)));
  }

  /** Any claims, e.g. no tenant, an expired token or another issuer. */
  public static String with(Tokens.Claims claims) {
    return Tokens.mint(KEY, claims);
  }

  /** A token that expired an hour ago. */
  public static String expired(String... roles) {
    return with(
        Tokens.Claims.of(TENANT, List.of(roles))
            .validFrom(Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1)));
  }

  /** A well-formed token signed by a key nobody trusts. */
  public static String signedByAStranger(String... roles) {
    return Tokens.mint(KeyFiles.generate().getPrivate(), Tokens.Claims.of(TENANT, List.of(roles)));
  }

  private static PrivateKey load(String resource) {
    try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return KeyFiles.privateFromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
