package dev.dbarch.servicekit.auth;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * Who is calling: the tenant of the verified token, and the tenant-qualified key of a system it
 * names. Resources never take a tenant from a path, a query or a body: only from here.
 */
@RequestScoped
public class Caller {

  @Inject SecurityIdentity identity;

  /** The caller's tenant; 403 when the token has none (roles were already withdrawn then). */
  public String tenant() {
    String tenant = identity.getAttribute(TenantAugmentor.TENANT_ATTRIBUTE);
    if (tenant == null) {
      throw new ForbiddenException();
    }
    return tenant;
  }

  /**
   * The key of the caller's system {@code systemId}. An id that cannot be a system id names
   * nothing: 404, exactly as a system of another tenant, so nothing tells them apart.
   */
  public SystemKey system(String systemId) {
    String tenant = tenant();
    if (systemId == null || !SystemKey.SYSTEM_ID.matcher(systemId).matches()) {
      throw new ProblemException(
          Problem.of(404, "Not Found", "No system '" + printable(systemId) + "'.", null));
    }
    return SystemKey.of(tenant, systemId);
  }

  private static String printable(String text) {
    if (text == null) {
      return "";
    }
    String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
    return cut.replaceAll("[^\\x20-\\x7E]", "?");
  }
}
