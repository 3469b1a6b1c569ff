package dev.dbarch.security;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.security.rules.SecurityRules;
import dev.dbarch.specialist.rules.SectionAnalyst;
import jakarta.enterprise.context.ApplicationScoped;

/** Plugs the security rules into the shared specialist messaging adapter. */
@ApplicationScoped
public class SecurityAnalyst implements SectionAnalyst {

  @Override
  public Section section() {
    return Section.SECURITY;
  }

  @Override
  public SectionVerdict assess(AssessmentRequested request) {
    return SecurityRules.assess(request);
  }
}
