package dev.dbarch.report.aggregation;

import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.report.document.ReportAssembler;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The aggregation rule as a pure function: fold one verdict into a system's state and say whether a
 * recommendation is now due. An assessment is published once, when its fifth section arrives.
 */
public final class Aggregation {

  /** Assessments of one system collecting verdicts at once; the oldest is dropped beyond this. */
  static final int MAX_PENDING = 20;

  /** Completed assessment ids remembered to recognise redelivered verdicts. */
  static final int REMEMBERED_COMPLETIONS = 50;

  private Aggregation() {}

  /** The new state, and the recommendation to publish if this verdict completed an assessment. */
  public record Outcome(SystemState state, Optional<Recommendation> recommendation, String note) {}

  public static Outcome apply(SystemState state, SectionVerdict verdict) {
    if (state.recentlyCompleted().contains(verdict.assessmentId())) {
      return new Outcome(
          state, Optional.empty(), "verdict for an already published assessment ignored");
    }
    Map<String, SystemState.Pending> pending = new LinkedHashMap<>(state.pending());
    SystemState.Pending current =
        pending.getOrDefault(
            verdict.assessmentId(),
            new SystemState.Pending(verdict.systemName(), verdict.trigger(), null));
    EnumMap<Section, SectionVerdict> verdicts = new EnumMap<>(Section.class);
    verdicts.putAll(current.verdicts());
    verdicts.put(verdict.section(), verdict);
    SystemState.Pending updated =
        new SystemState.Pending(current.systemName(), current.trigger(), verdicts);

    if (verdicts.size() < Section.values().length) {
      pending.remove(verdict.assessmentId());
      pending.put(verdict.assessmentId(), updated);
      String note = null;
      while (pending.size() > MAX_PENDING) {
        String oldest = pending.keySet().iterator().next();
        pending.remove(oldest);
        note = "dropped stale pending assessment " + oldest;
      }
      return new Outcome(
          new SystemState(state.lastRevision(), pending, state.recentlyCompleted()),
          Optional.empty(),
          note);
    }

    pending.remove(verdict.assessmentId());
    List<String> completed = new ArrayList<>(state.recentlyCompleted());
    completed.add(verdict.assessmentId());
    while (completed.size() > REMEMBERED_COMPLETIONS) {
      completed.remove(0);
    }
    long revision = state.lastRevision() + 1;
    Recommendation recommendation =
        ReportAssembler.assemble(
            verdict.systemId(),
            updated.systemName(),
            verdict.assessmentId(),
            revision,
            updated.trigger(),
            verdicts);
    return new Outcome(
        new SystemState(revision, pending, completed), Optional.of(recommendation), null);
  }
}
