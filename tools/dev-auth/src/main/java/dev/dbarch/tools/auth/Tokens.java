package dev.dbarch.tools.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Development tokens: RS256 JWTs with the claims dbarch's services check ({@code iss}, {@code aud},
 * {@code exp}, {@code groups} for the roles, {@code tenant}). Plain JDK crypto, no JWT library, so
 * {@code ./dbarch token} runs on a fresh machine.
 */
public final class Tokens {

  public static final String DEFAULT_ISSUER = "dbarch";
  public static final String DEFAULT_AUDIENCE = "dbarch";
  public static final String DEFAULT_TENANT = "local";
  public static final Duration DEFAULT_TTL = Duration.ofHours(8);
  public static final Duration MAX_TTL = Duration.ofDays(30);
  public static final List<String> ROLES = List.of("submitter", "viewer", "admin");

  private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private Tokens() {}

  /** What a token says. {@code tenant} may be null only to mint a token without one (tests). */
  public record Claims(
      String issuer,
      String audience,
      String subject,
      String tenant,
      List<String> roles,
      Instant issuedAt,
      Duration ttl) {

    public Claims {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(subject, "subject");
      roles = List.copyOf(roles);
      Objects.requireNonNull(issuedAt, "issuedAt");
      Objects.requireNonNull(ttl, "ttl");
    }

    /** A token of {@code tenant} with {@code roles}, valid from now for the default lifetime. */
    public static Claims of(String tenant, List<String> roles) {
      return new Claims(
          DEFAULT_ISSUER,
          DEFAULT_AUDIENCE,
          "dev-" + (tenant == null ? "none" : tenant),
          tenant,
          roles,
          Instant.now(),
          DEFAULT_TTL);
    }

    public Claims withTenant(String other) {
      return new Claims(issuer, audience, subject, other, roles, issuedAt, ttl);
    }

    public Claims withIssuer(String other) {
      return new Claims(other, audience, subject, tenant, roles, issuedAt, ttl);
    }

    public Claims validFrom(Instant at, Duration lifetime) {
      return new Claims(issuer, audience, subject, tenant, roles, at, lifetime);
    }
  }

  /** Signs the claims with SHA256withRSA: {@code header.payload.signature}, base64url. */
  public static String mint(PrivateKey key, Claims claims) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("iss", claims.issuer());
    if (claims.audience() != null) {
      payload.put("aud", claims.audience());
    }
    payload.put("sub", claims.subject());
    payload.put("upn", claims.subject());
    payload.put("groups", claims.roles());
    if (claims.tenant() != null) {
      payload.put("tenant", claims.tenant());
    }
    payload.put("iat", claims.issuedAt().getEpochSecond());
    payload.put("exp", claims.issuedAt().plus(claims.ttl()).getEpochSecond());
    payload.put("jti", UUID.randomUUID().toString());
    String signingInput = base64Url(json(header)) + "." + base64Url(json(payload));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput
          + "."
          + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign with this key", e);
    }
  }

  /** {@code 90s}, {@code 30m}, {@code 8h}, {@code 7d} or a number of seconds; 1 s to 30 days. */
  public static Duration parseTtl(String text) {
    if (text == null || !text.matches("[0-9]{1,9}[smhd]?")) {
      throw new IllegalArgumentException(
          "--ttl '" + text + "' is not a duration such as 90s, 30m, 8h or 7d");
    }
    char unit = text.charAt(text.length() - 1);
    long amount =
        Long.parseLong(Character.isDigit(unit) ? text : text.substring(0, text.length() - 1));
    Duration ttl =
        switch (unit) {
          case 'm' -> Duration.ofMinutes(amount);
          case 'h' -> Duration.ofHours(amount);
          case 'd' -> Duration.ofDays(amount);
          default -> Duration.ofSeconds(amount);
        };
    if (ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("--ttl must be between 1 second and 30 days");
    }
    return ttl;
  }

  public static boolean isTenant(String tenant) {
    return tenant != null && TENANT.matcher(tenant).matches();
  }

  private static byte[] json(Map<String, Object> object) {
    StringBuilder out = new StringBuilder("{");
    boolean first = true;
    for (var entry : object.entrySet()) {
      out.append(first ? "" : ",").append(quote(entry.getKey())).append(':');
      Object value = entry.getValue();
      if (value instanceof Number number) {
        out.append(number);
      } else if (value instanceof List<?> list) {
        List<String> items = new ArrayList<>();
        list.forEach(item -> items.add(quote(String.valueOf(item))));
        out.append('[').append(String.join(",", items)).append(']');
      } else {
        out.append(quote(String.valueOf(value)));
      }
      first = false;
    }
    return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
