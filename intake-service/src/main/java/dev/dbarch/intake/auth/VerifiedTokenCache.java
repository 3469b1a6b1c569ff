package dev.dbarch.intake.auth;

import dev.dbarch.intake.IntakeConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies a bearer token once and trusts the result for its next requests: the RSA signature check
 * and the claims parsing were a fifth of intake's CPU per submission (docs/benchmarks.md), and a
 * client sends the same token with every request.
 *
 * <p>A decorator of smallrye-jwt's {@link JWTParser}, the seam Quarkus' token validator calls
 * ({@code parse(token)}), so everything after parsing still runs on every request: the roles of
 * {@code groups} checked by {@code @RolesAllowed}, the tenant by {@code TenantAugmentor}. Only a
 * token the parser accepted is kept, keyed by the SHA-256 of its raw text (a tampered token is
 * another key and is verified, and refused, on its own). An entry lives until the token's {@code
 * exp} or {@code dbarch.intake.token-cache.max-ttl}, whichever comes first, so an expired token is
 * verified again and refused, never answered from here; the verifier's clock skew is not extended
 * to the cache. At most {@code max-entries} tokens are kept: when full, expired ones are dropped
 * and a new token that still does not fit is verified every time rather than evicting others.
 *
 * <p>Counted as {@code dbarch.intake.token.cache} with {@code result} {@code hit} or {@code miss}
 * (a miss is a full verification).
 */
@Decorator
@Priority(10)
public class VerifiedTokenCache implements JWTParser {

  private record Verified(JsonWebToken token, long untilMillis) {}

  @Inject @Delegate JWTParser delegate;
  @Inject IntakeConfig config;
  @Inject MeterRegistry registry;
  @Inject Clock clock;

  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private volatile Counter hits;
  private volatile Counter misses;

  @Override
  public JsonWebToken parse(String token) throws ParseException {
    IntakeConfig.TokenCache settings = config.tokenCache();
    if (token == null || settings.maxEntries() <= 0 || settings.maxTtl().isZero()) {
      return delegate.parse(token);
    }
    String key = sha256(token);
    long now = clock.millis();
    Verified cached = verified.get(key);
    if (cached != null) {
      if (now < cached.untilMillis()) {
        hits().increment();
        return cached.token();
      }
      verified.remove(key, cached);
    }
    misses().increment();
    // Throws on any failure, and nothing is kept then.
    JsonWebToken parsed = delegate.parse(token);
    long expiresMillis = parsed.getExpirationTime() * 1000L;
    long until = Math.min(expiresMillis, now + settings.maxTtl().toMillis());
    if (expiresMillis > 0 && until > now) {
      if (verified.size() >= settings.maxEntries()) {
        verified.values().removeIf(v -> v.untilMillis() <= now);
      }
      if (verified.size() < settings.maxEntries()) {
        verified.put(key, new Verified(parsed, until));
      }
    }
    return parsed;
  }

  // Every other use of the parser (another key, decryption, a custom context) is not cached.

  @Override
  public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
    return delegate.parse(token, context);
  }

  @Override
  public JsonWebToken verify(String token, PublicKey key) throws ParseException {
    return delegate.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, SecretKey key) throws ParseException {
    return delegate.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, String secret) throws ParseException {
    return delegate.verify(token, secret);
  }

  @Override
  public JsonWebToken decrypt(String token, java.security.PrivateKey key) throws ParseException {
    return delegate.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
    return delegate.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, String secret) throws ParseException {
    return delegate.decrypt(token, secret);
  }

  @Override
  public JsonWebToken parseOnly(String token) throws ParseException {
    return delegate.parseOnly(token);
  }

  private Counter hits() {
    Counter counter = hits;
    if (counter == null) {
      counter = registry.counter("dbarch.intake.token.cache", "result", "hit");
      hits = counter;
    }
    return counter;
  }

  private Counter misses() {
    Counter counter = misses;
    if (counter == null) {
      counter = registry.counter("dbarch.intake.token.cache", "result", "miss");
      misses = counter;
    }
    return counter;
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
