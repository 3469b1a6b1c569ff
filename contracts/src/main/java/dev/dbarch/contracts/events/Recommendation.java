package dev.dbarch.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.schema.SchemaChange;
import dev.dbarch.contracts.workload.WorkloadChange;
import java.util.List;
import java.util.Objects;

/**
 * The aggregated recommendation of one system at one revision. Key: {@link SystemKey} ({@code
 * tenant/systemId}); the topic is compacted so the latest revision of every system is always there.
 *
 * @param tenant the tenant that owns the system; a v1 record without one belongs to {@value
 *     SystemKey#DEFAULT_TENANT}
 * @param complete whether every section has spoken; {@code missingSections} names those that have
 *     not
 * @param previousRevision the revision {@code changes} compares with; {@code null} on the first
 * @param changes what changed since {@code previousRevision}
 * @param schemaChange the schema change that triggered this revision, if one did
 * @param workloadChanges the workload changes that triggered this revision, if any did
 * @param markdown the document rendered for humans, following the seed's output format
 */
public record Recommendation(
    String tenant,
    String systemId,
    String systemName,
    String assessmentId,
    long revision,
    Trigger trigger,
    boolean complete,
    List<Section> missingSections,
    List<SectionVerdict> sections,
    List<Risk> risks,
    Long previousRevision,
    List<Change> changes,
    SchemaChange schemaChange,
    List<WorkloadChange> workloadChanges,
    String markdown) {

  /** A recommendation of {@code tenant} that no workload change triggered. */
  public Recommendation(
      String tenant,
      String systemId,
      String systemName,
      String assessmentId,
      long revision,
      Trigger trigger,
      boolean complete,
      List<Section> missingSections,
      List<SectionVerdict> sections,
      List<Risk> risks,
      Long previousRevision,
      List<Change> changes,
      SchemaChange schemaChange,
      String markdown) {
    this(
        tenant,
        systemId,
        systemName,
        assessmentId,
        revision,
        trigger,
        complete,
        missingSections,
        sections,
        risks,
        previousRevision,
        changes,
        schemaChange,
        null,
        markdown);
  }

  /** A recommendation of the default tenant that no workload change triggered (tests, tools). */
  public Recommendation(
      String systemId,
      String systemName,
      String assessmentId,
      long revision,
      Trigger trigger,
      boolean complete,
      List<Section> missingSections,
      List<SectionVerdict> sections,
      List<Risk> risks,
      Long previousRevision,
      List<Change> changes,
      SchemaChange schemaChange,
      String markdown) {
    this(
        SystemKey.DEFAULT_TENANT,
        systemId,
        systemName,
        assessmentId,
        revision,
        trigger,
        complete,
        missingSections,
        sections,
        risks,
        previousRevision,
        changes,
        schemaChange,
        null,
        markdown);
  }

  public Recommendation {
    tenant = SystemKey.tenantOrDefault(tenant);
    Objects.requireNonNull(systemId, "systemId");
    Objects.requireNonNull(assessmentId, "assessmentId");
    missingSections = List.copyOf(Objects.requireNonNullElse(missingSections, List.of()));
    sections = List.copyOf(Objects.requireNonNullElse(sections, List.of()));
    risks = List.copyOf(Objects.requireNonNullElse(risks, List.of()));
    changes = List.copyOf(Objects.requireNonNullElse(changes, List.of()));
    workloadChanges = List.copyOf(Objects.requireNonNullElse(workloadChanges, List.of()));
  }

  /** The same recommendation with its Markdown rendering. */
  public Recommendation withMarkdown(String rendered) {
    return new Recommendation(
        tenant,
        systemId,
        systemName,
        assessmentId,
        revision,
        trigger,
        complete,
        missingSections,
        sections,
        risks,
        previousRevision,
        changes,
        schemaChange,
        workloadChanges,
        rendered);
  }

  /** The record's Kafka key. */
  @JsonIgnore
  public SystemKey systemKey() {
    return SystemKey.of(tenant, systemId);
  }
}
