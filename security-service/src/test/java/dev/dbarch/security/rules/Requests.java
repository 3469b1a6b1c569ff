package dev.dbarch.security.rules;

import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.testsupport.VerdictChecks;

/** Runs this section's rules on a requirements document written as YAML. */
final class Requests {

  private Requests() {}

  static SectionVerdict assess(String yaml) {
    return SecurityRules.assess(VerdictChecks.request(yaml));
  }
}
