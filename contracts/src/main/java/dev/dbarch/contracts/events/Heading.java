package dev.dbarch.contracts.events;

/** The headings of the recommendation document, in the order the document shows them. */
public enum Heading {
  REQUIREMENTS_SUMMARY("Requirements Summary"),
  RECOMMENDED_TECHNOLOGY("Recommended Database Technology"),
  SCHEMA_DESIGN("Schema Design"),
  INDEXING_STRATEGY("Indexing Strategy"),
  PERFORMANCE_OPTIMIZATION("Performance Optimization"),
  HIGH_AVAILABILITY_AND_DR("High Availability & Disaster Recovery"),
  SECURITY_AND_COMPLIANCE("Security & Compliance"),
  MIGRATION_AND_EVOLUTION("Migration & Evolution"),
  MONITORING_AND_OBSERVABILITY("Monitoring & Observability"),
  ALTERNATIVES_CONSIDERED("Alternatives Considered"),
  IMPLEMENTATION_PHASES("Implementation Phases"),
  RISKS_AND_MITIGATIONS("Risks & Mitigations"),
  ASSUMPTIONS_AND_QUESTIONS("Assumptions and open questions");

  private final String title;

  Heading(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
