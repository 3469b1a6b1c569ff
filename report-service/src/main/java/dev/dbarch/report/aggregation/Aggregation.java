package dev.dbarch.report.aggregation;

import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.schema.SchemaChange;
import dev.dbarch.contracts.schema.SchemaDiff;
import dev.dbarch.report.document.Fingerprint;
import dev.dbarch.report.document.ReportAssembler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The aggregation rules as pure functions over a system's state. An assessment publishes a complete
 * revision when its fifth section arrives; past its deadline it publishes what it has, marked
 * incomplete, and each late section then publishes the next revision. A newer request supersedes
 * older pending assessments: their late verdicts are recorded and ignored, as are verdicts of
 * assessments never requested.
 */
public final class Aggregation {

  /** Assessments of one system collecting verdicts at once; the oldest is dropped beyond this. */
  static final int MAX_PENDING = 20;

  /** Completed or superseded ids remembered to recognise late and redelivered verdicts. */
  static final int REMEMBERED_IDS = 50;

  private Aggregation() {}

  /**
   * The new state, what to publish, and what to remember.
   *
   * @param ignored why an input was ignored, or {@code null}
   * @param deadline a deadline to schedule for {@code assessmentId}, if any
   */
  public record Outcome(
      SystemState state, List<Recommendation> published, String ignored, Optional<Long> deadline) {

    static Outcome ignore(SystemState state, String reason) {
      return new Outcome(state, List.of(), reason, Optional.empty());
    }
  }

  public static Outcome onRequest(
      SystemState state, AssessmentRequested request, long now, long deadlineMillis) {
    String id = request.assessmentId();
    if (state.recentlyCompleted().contains(id) || state.superseded().contains(id)) {
      return Outcome.ignore(state, "request for an assessment already published or superseded");
    }
    Map<String, SystemState.Pending> pending = new LinkedHashMap<>();
    List<String> superseded = new ArrayList<>(state.superseded());
    // The DDL of a superseded assessment that never reached a revision travels on in the newer one,
    // so every captured statement shows up in exactly one revision.
    List<SchemaChange> carried = new ArrayList<>();
    CarriedDdl carriedDdl = CarriedDdl.NONE;
    for (Map.Entry<String, SystemState.Pending> entry : state.pending().entrySet()) {
      String otherId = entry.getKey();
      SystemState.Pending other = entry.getValue();
      if (!otherId.equals(id) && other.requested()) {
        superseded.add(otherId);
        if (other.schemaChange() != null && !other.publishedIncomplete()) {
          carried.add(other.schemaChange());
          carriedDdl = carriedDdl.plus(otherId, other);
        }
      } else {
        pending.put(otherId, other);
      }
    }
    trim(superseded);
    SystemState.Pending earlier = pending.remove(id);
    SystemState.Pending current =
        new SystemState.Pending(
            request.tenant(),
            request.requirements().name(),
            request.trigger(),
            request.requirements(),
            carry(carried, request.schema() == null ? null : request.schema().change()),
            request.workload() == null ? null : request.workload().changes(),
            earlier == null ? now : earlier.firstSeenMillis(),
            now + deadlineMillis,
            false,
            earlier == null ? null : earlier.verdicts(),
            carriedDdl);
    pending.put(id, current);
    SystemState next =
        new SystemState(
            state.lastRevision(),
            state.lastPublished(),
            pending,
            state.recentlyCompleted(),
            superseded);
    if (current.complete()) {
      return publish(next, id, current);
    }
    return new Outcome(next, List.of(), null, Optional.of(current.deadlineMillis()));
  }

  public static Outcome onVerdict(SystemState state, SectionVerdict verdict, long now) {
    String id = verdict.assessmentId();
    if (state.recentlyCompleted().contains(id)) {
      return Outcome.ignore(state, "verdict for an assessment already published complete");
    }
    if (state.superseded().contains(id)) {
      return verdict.section() == Section.MIGRATION
          ? carriedVerdict(state, verdict)
          : Outcome.ignore(state, "verdict for a superseded assessment");
    }
    Map<String, SystemState.Pending> pending = new LinkedHashMap<>(state.pending());
    SystemState.Pending earlier = pending.remove(id);
    boolean newSection = earlier == null || !earlier.verdicts().containsKey(verdict.section());
    SystemState.Pending current =
        (earlier == null
                ? new SystemState.Pending(
                    verdict.tenant(), null, null, null, null, null, now, null, false, null, null)
                : earlier)
            .with(verdict);
    pending.put(id, current);
    String dropped = null;
    while (pending.size() > MAX_PENDING) {
      String oldest = pending.keySet().iterator().next();
      pending.remove(oldest);
      dropped = "dropped the oldest pending assessment " + oldest;
    }
    SystemState next = state.withPending(pending);
    if (!current.requested()) {
      return new Outcome(next, List.of(), dropped, Optional.empty());
    }
    if (current.complete() || (current.publishedIncomplete() && newSection)) {
      return publish(next, id, current);
    }
    return new Outcome(next, List.of(), dropped, Optional.empty());
  }

  /**
   * The migration verdict of a superseded assessment whose statements a newer one carries: its
   * statement risks go with them. Any other superseded verdict is ignored.
   */
  private static Outcome carriedVerdict(SystemState state, SectionVerdict migration) {
    Map<String, SystemState.Pending> pending = new LinkedHashMap<>(state.pending());
    for (Map.Entry<String, SystemState.Pending> entry : pending.entrySet()) {
      SystemState.Pending carrier = entry.getValue();
      if (carrier.carried().awaits(migration.assessmentId())) {
        entry.setValue(carrier.withCarried(carrier.carried().withVerdict(migration)));
        return new Outcome(state.withPending(pending), List.of(), null, Optional.empty());
      }
    }
    return Outcome.ignore(state, "verdict for a superseded assessment");
  }

  /** Publishes what an assessment has when its deadline passes with sections missing. */
  public static Outcome onDeadline(SystemState state, String assessmentId) {
    SystemState.Pending current = state.pending().get(assessmentId);
    if (current == null
        || !current.requested()
        || current.complete()
        || current.publishedIncomplete()) {
      return new Outcome(state, List.of(), null, Optional.empty());
    }
    return publish(state, assessmentId, current);
  }

  /**
   * Drops verdicts of assessments never requested once they are older than {@code maxAgeMillis}.
   */
  public static Outcome expireUnrequested(SystemState state, long now, long maxAgeMillis) {
    Map<String, SystemState.Pending> pending = new LinkedHashMap<>();
    List<String> expired = new ArrayList<>();
    state
        .pending()
        .forEach(
            (id, p) -> {
              if (!p.requested() && now - p.firstSeenMillis() > maxAgeMillis) {
                expired.add(id);
              } else {
                pending.put(id, p);
              }
            });
    if (expired.isEmpty()) {
      return new Outcome(state, List.of(), null, Optional.empty());
    }
    return Outcome.ignore(
        state.withPending(pending),
        "verdicts of never-requested assessments " + expired + " ignored");
  }

  /**
   * One schema change of the superseded changes followed by the newer one: their statements in
   * order, the objects and differences of all, the catalog before the first.
   */
  static SchemaChange carry(List<SchemaChange> superseded, SchemaChange newer) {
    if (superseded.isEmpty()) {
      return newer;
    }
    List<SchemaChange> all = new ArrayList<>(superseded);
    if (newer != null) {
      all.add(newer);
    }
    List<String> ddl = new ArrayList<>();
    LinkedHashSet<String> objects = new LinkedHashSet<>();
    SchemaDiff diff = null;
    for (SchemaChange change : all) {
      ddl.addAll(change.ddl());
      objects.addAll(change.objects());
      diff = union(diff, change.diff());
    }
    return new SchemaChange(ddl, List.copyOf(objects), diff, all.get(0).before());
  }

  private static SchemaDiff union(SchemaDiff a, SchemaDiff b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return new SchemaDiff(
        union(a.tablesAdded(), b.tablesAdded()),
        union(a.tablesDropped(), b.tablesDropped()),
        union(a.columnsAdded(), b.columnsAdded()),
        union(a.columnsDropped(), b.columnsDropped()),
        union(a.columnsChanged(), b.columnsChanged()),
        union(a.indexesAdded(), b.indexesAdded()),
        union(a.indexesDropped(), b.indexesDropped()),
        union(a.foreignKeysAdded(), b.foreignKeysAdded()),
        union(a.foreignKeysDropped(), b.foreignKeysDropped()));
  }

  private static List<String> union(List<String> a, List<String> b) {
    LinkedHashSet<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  /**
   * Closes an assessment whose pending state is too large to store (ADR 0012): it is forgotten (its
   * later records are ignored) and, if it was requested, its revision goes out now, incomplete,
   * without sections, its document naming {@code reason}.
   */
  public static Outcome closeOversize(SystemState state, String assessmentId, String reason) {
    SystemState.Pending current = state.pending().get(assessmentId);
    if (current == null) {
      return new Outcome(state, List.of(), null, Optional.empty());
    }
    Map<String, SystemState.Pending> pending = new LinkedHashMap<>(state.pending());
    pending.remove(assessmentId);
    List<String> completed = new ArrayList<>(state.recentlyCompleted());
    completed.add(assessmentId);
    trim(completed);
    if (!current.requested()) {
      SystemState next =
          new SystemState(
              state.lastRevision(), state.lastPublished(), pending, completed, state.superseded());
      return new Outcome(
          next,
          List.of(),
          "verdicts of an unrequested assessment dropped: " + reason,
          Optional.empty());
    }
    long revision = state.lastRevision() + 1;
    Recommendation rec =
        Oversize.withoutSections(
            ReportAssembler.assemble(
                SystemKey.of(current.tenant(), current.requirements().systemId()),
                current.systemName(),
                assessmentId,
                revision,
                current.trigger(),
                Map.of(),
                current.requirements(),
                current.shownSchemaChange(),
                current.workloadChanges(),
                new ReportAssembler.Previous(state.lastRevision(), state.lastPublished())),
            reason);
    SystemState next =
        new SystemState(revision, Fingerprint.of(rec), pending, completed, state.superseded());
    return new Outcome(next, List.of(rec), null, Optional.empty());
  }

  private static Outcome publish(
      SystemState state, String assessmentId, SystemState.Pending current) {
    long revision = state.lastRevision() + 1;
    Recommendation rec =
        ReportAssembler.assemble(
            SystemKey.of(current.tenant(), current.requirements().systemId()),
            current.systemName(),
            assessmentId,
            revision,
            current.trigger(),
            current.shownVerdicts(),
            current.requirements(),
            current.shownSchemaChange(),
            current.workloadChanges(),
            new ReportAssembler.Previous(state.lastRevision(), state.lastPublished()));
    Map<String, SystemState.Pending> pending = new LinkedHashMap<>(state.pending());
    List<String> completed = new ArrayList<>(state.recentlyCompleted());
    if (rec.complete()) {
      pending.remove(assessmentId);
      completed.add(assessmentId);
      trim(completed);
    } else {
      pending.put(assessmentId, current.incompletePublished());
    }
    SystemState next =
        new SystemState(revision, Fingerprint.of(rec), pending, completed, state.superseded());
    return new Outcome(next, List.of(rec), null, Optional.empty());
  }

  private static void trim(List<String> ids) {
    while (ids.size() > REMEMBERED_IDS) {
      ids.remove(0);
    }
  }
}
