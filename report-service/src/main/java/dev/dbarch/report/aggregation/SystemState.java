package dev.dbarch.report.aggregation;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaChange;
import dev.dbarch.contracts.workload.WorkloadChange;
import dev.dbarch.report.document.Fingerprint;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report service remembers of one system, in a changelogged state store: the last revision
 * and what it said (to compute the next one's changes), the assessments still collecting verdicts,
 * and the ids recently completed or superseded (so late or redelivered verdicts are recognised and
 * ignored).
 */
public record SystemState(
    long lastRevision,
    Fingerprint lastPublished,
    Map<String, Pending> pending,
    List<String> recentlyCompleted,
    List<String> superseded) {

  public SystemState {
    lastPublished = lastPublished == null ? Fingerprint.EMPTY : lastPublished;
    pending = pending == null ? new LinkedHashMap<>() : new LinkedHashMap<>(pending);
    recentlyCompleted =
        recentlyCompleted == null ? new ArrayList<>() : new ArrayList<>(recentlyCompleted);
    superseded = superseded == null ? new ArrayList<>() : new ArrayList<>(superseded);
  }

  public static SystemState empty() {
    return new SystemState(0, null, null, null, null);
  }

  /** The same state with other pending assessments. */
  SystemState withPending(Map<String, Pending> others) {
    return new SystemState(lastRevision, lastPublished, others, recentlyCompleted, superseded);
  }

  /**
   * An assessment whose verdicts are still arriving.
   *
   * @param tenant the tenant of the system (from the request or the first verdict); state written
   *     before tenants has none and belongs to the default tenant
   * @param requirements the requested document; {@code null} while only verdicts have been seen
   * @param firstSeenMillis wall-clock time the report service first heard of it
   * @param deadlineMillis when missing sections make it publish incomplete; {@code null} until
   *     requested
   * @param publishedIncomplete whether an incomplete revision went out already
   * @param schemaChange the schema change that triggered the assessment, if one did
   * @param workloadChanges the workload changes that triggered the assessment, if any did
   * @param carried the statements {@code schemaChange} carries from superseded assessments, with
   *     their migration risks; {@link CarriedDdl#NONE} when it carries none
   */
  public record Pending(
      String tenant,
      String systemName,
      Trigger trigger,
      Requirements requirements,
      SchemaChange schemaChange,
      List<WorkloadChange> workloadChanges,
      long firstSeenMillis,
      Long deadlineMillis,
      boolean publishedIncomplete,
      Map<Section, SectionVerdict> verdicts,
      CarriedDdl carried) {

    public Pending {
      tenant = SystemKey.tenantOrDefault(tenant);
      EnumMap<Section, SectionVerdict> copy = new EnumMap<>(Section.class);
      if (verdicts != null) {
        copy.putAll(verdicts);
      }
      verdicts = copy;
      workloadChanges = workloadChanges == null ? List.of() : List.copyOf(workloadChanges);
      carried = carried == null ? CarriedDdl.NONE : carried;
    }

    boolean requested() {
      return requirements != null;
    }

    boolean complete() {
      return verdicts.size() == Section.values().length;
    }

    Pending with(SectionVerdict verdict) {
      Map<Section, SectionVerdict> more = new EnumMap<>(verdicts);
      more.put(verdict.section(), verdict);
      return new Pending(
          tenant,
          systemName == null ? verdict.systemName() : systemName,
          trigger == null ? verdict.trigger() : trigger,
          requirements,
          schemaChange,
          workloadChanges,
          firstSeenMillis,
          deadlineMillis,
          publishedIncomplete,
          more,
          carried);
    }

    Pending withCarried(CarriedDdl newer) {
      return new Pending(
          tenant,
          systemName,
          trigger,
          requirements,
          schemaChange,
          workloadChanges,
          firstSeenMillis,
          deadlineMillis,
          publishedIncomplete,
          verdicts,
          newer);
    }

    /**
     * The verdicts and the schema change as the revision shows them: the carried statements'
     * migration risks in the migration verdict, the statements never assessed named.
     */
    Map<Section, SectionVerdict> shownVerdicts() {
      SectionVerdict migration = verdicts.get(Section.MIGRATION);
      if (carried.statements() == 0 || migration == null) {
        return verdicts;
      }
      Map<Section, SectionVerdict> shown = new EnumMap<>(verdicts);
      shown.put(Section.MIGRATION, carried.applyTo(migration));
      return shown;
    }

    SchemaChange shownSchemaChange() {
      return schemaChange == null || carried.awaited().isEmpty()
          ? schemaChange
          : schemaChange.withUnassessed(carried.unassessed());
    }

    Pending incompletePublished() {
      return new Pending(
          tenant,
          systemName,
          trigger,
          requirements,
          schemaChange,
          workloadChanges,
          firstSeenMillis,
          deadlineMillis,
          true,
          verdicts,
          carried);
    }
  }
}
