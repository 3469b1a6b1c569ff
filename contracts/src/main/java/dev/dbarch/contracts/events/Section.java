package dev.dbarch.contracts.events;

import java.util.List;

/** The five specialist sections, each owning headings of the recommendation document. */
public enum Section {
  SELECTION(
      "selection-service",
      List.of(
          Heading.REQUIREMENTS_SUMMARY,
          Heading.RECOMMENDED_TECHNOLOGY,
          Heading.SCHEMA_DESIGN,
          Heading.INDEXING_STRATEGY,
          Heading.ALTERNATIVES_CONSIDERED)),
  PERFORMANCE(
      "performance-service",
      List.of(Heading.PERFORMANCE_OPTIMIZATION, Heading.MONITORING_AND_OBSERVABILITY)),
  RESILIENCE("resilience-service", List.of(Heading.HIGH_AVAILABILITY_AND_DR)),
  SECURITY("security-service", List.of(Heading.SECURITY_AND_COMPLIANCE)),
  MIGRATION(
      "migration-service", List.of(Heading.MIGRATION_AND_EVOLUTION, Heading.IMPLEMENTATION_PHASES));

  private final String specialist;
  private final List<Heading> headings;

  Section(String specialist, List<Heading> headings) {
    this.specialist = specialist;
    this.headings = headings;
  }

  /** The service that writes this section. */
  public String specialist() {
    return specialist;
  }

  /** The document headings this section fills. */
  public List<Heading> headings() {
    return headings;
  }

  public static Section owning(Heading heading) {
    for (Section section : values()) {
      if (section.headings.contains(heading)) {
        return section;
      }
    }
    return null;
  }
}
