package dev.dbarch.servicekit.auth;

import dev.dbarch.servicekit.problem.Problem;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 as problem documents, with the {@code WWW-Authenticate: Bearer} challenge on 401 (RFC
 * 6750). The details say what the caller can fix and nothing about our internals: which key, issuer
 * or check refused a token stays in the server's debug log.
 */
public class AuthProblems {

  static final String REALM = "Bearer realm=\"dbarch\"";

  @Inject CurrentIdentityAssociation identities;

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e, HttpHeaders headers) {
    return challenge(headers);
  }

  @ServerExceptionMapper
  public Response failed(AuthenticationFailedException e, HttpHeaders headers) {
    return challenge(headers);
  }

  @ServerExceptionMapper
  public Response incomplete(AuthenticationCompletionException e, HttpHeaders headers) {
    return challenge(headers);
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    String denied = null;
    SecurityIdentity identity = identities.getIdentity();
    if (identity != null) {
      denied = identity.getAttribute(TenantAugmentor.DENIED_ATTRIBUTE);
    }
    return Problem.of(
            403,
            "Forbidden",
            denied != null
                ? denied
                : "The token does not grant the role this needs (roles: submitter, viewer, admin;"
                    + " see the API documentation).",
            null)
        .toResponse();
  }

  private static Response challenge(HttpHeaders headers) {
    String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
    boolean sent = authorization != null && !authorization.isBlank();
    Response response =
        Problem.of(
                401,
                "Unauthorized",
                sent
                    ? "The bearer token is invalid: malformed, expired, or not signed by a trusted"
                        + " issuer."
                    : "This needs a bearer token: send 'Authorization: Bearer <token>'.",
                null)
            .toResponse();
    return Response.fromResponse(response)
        .header(HttpHeaders.WWW_AUTHENTICATE, sent ? REALM + ", error=\"invalid_token\"" : REALM)
        .build();
  }
}
