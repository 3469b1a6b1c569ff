package dev.dbarch.servicekit.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * A service that verifies tokens refuses to start without a key to verify them with, rather than
 * starting and answering 401 to everyone with no hint why. Services without a token mechanism (the
 * specialists) have nothing to check.
 */
@ApplicationScoped
public class VerificationKeyCheck {

  private static final Logger LOG = Logger.getLogger(VerificationKeyCheck.class);

  static final String[] KEY_SETTINGS = {
    "mp.jwt.verify.publickey.location",
    "mp.jwt.verify.publickey",
    "smallrye.jwt.verify.key.location"
  };

  void check(@Observes StartupEvent event, Config config) {
    if (!verifiesTokens()) {
      return;
    }
    for (String setting : KEY_SETTINGS) {
      if (config.getOptionalValue(setting, String.class).filter(v -> !v.isBlank()).isPresent()) {
        LOG.debugf("Tokens are verified with the key of %s", setting);
        return;
      }
    }
    throw new IllegalStateException(
        "No key to verify bearer tokens with: set MP_JWT_VERIFY_PUBLICKEY_LOCATION to a PEM public"
            + " key file or a JWKS URL (./dbarch up does this); see docs/operations.md, Security.");
  }

  private static boolean verifiesTokens() {
    try {
      Class.forName(
          "io.smallrye.jwt.auth.principal.JWTAuthContextInfo",
          false,
          VerificationKeyCheck.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
