package dev.dbarch.servicekit.auth;

import dev.dbarch.contracts.SystemKey;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Every authenticated caller belongs to one tenant, named by the token's {@code tenant} claim. A
 * token without a well-formed tenant keeps its identity but loses its roles, so every endpoint
 * answers 403 (the reason is kept as an attribute for the problem document); a token never acts for
 * "no tenant" or for a default one.
 */
@ApplicationScoped
public class TenantAugmentor implements SecurityIdentityAugmentor {

  /** The claim naming the caller's tenant. */
  public static final String TENANT_CLAIM = "tenant";

  /** Identity attribute: the verified tenant. */
  public static final String TENANT_ATTRIBUTE = "dbarch.tenant";

  /** Identity attribute: why a token was refused every role. */
  public static final String DENIED_ATTRIBUTE = "dbarch.denied";

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
      return Uni.createFrom().item(identity);
    }
    Object claim = token.getClaim(TENANT_CLAIM);
    String tenant = claim == null ? null : claim.toString().replaceAll("^\"|\"$", "");
    if (SystemKey.isTenant(tenant)) {
      return Uni.createFrom()
          .item(
              QuarkusSecurityIdentity.builder(identity)
                  .addAttribute(TENANT_ATTRIBUTE, tenant)
                  .build());
    }
    // A fresh builder copies principal, credentials and attributes but no role.
    QuarkusSecurityIdentity.Builder denied =
        QuarkusSecurityIdentity.builder()
            .setPrincipal(identity.getPrincipal())
            .addCredentials(identity.getCredentials())
            .addAttributes(identity.getAttributes())
            .addAttribute(
                DENIED_ATTRIBUTE,
                tenant == null
                    ? "The token has no 'tenant' claim."
                    : "The token's 'tenant' claim is not 1 to 63 lower-case letters, digits and"
                        + " dashes.");
    return Uni.createFrom().item(denied.build());
  }
}
