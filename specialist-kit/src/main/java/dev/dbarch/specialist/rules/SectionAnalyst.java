package dev.dbarch.specialist.rules;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;

/**
 * A specialist's rules as one pure function: the same request always gives the same verdict. Each
 * specialist service provides exactly one implementation as a CDI bean.
 */
public interface SectionAnalyst {

  Section section();

  SectionVerdict assess(AssessmentRequested request);
}
