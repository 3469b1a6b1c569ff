package dev.dbarch.report.aggregation;

import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.schema.SchemaChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The statements an assessment carries from the assessments it superseded (see {@link
 * Aggregation#carry}), with what the migration section said about them. A newer assessment's own
 * migration verdict only lints its own DDL, so without these the carried statements would read as
 * "no migration risk found" and the newer verdict's statement indexes would point at the wrong
 * entries of the merged list.
 *
 * @param statements how many leading entries of the assessment's {@link SchemaChange#ddl()} were
 *     carried; its own statements follow them
 * @param risks the carried statements' migration risks, {@code ddlIndex} pointing into the merged
 *     list
 * @param awaited superseded assessments whose migration verdict had not come yet: the section
 *     answers a system's requests in order, so it normally arrives before the newer assessment's
 *     own, and {@link #withVerdict} takes it in
 */
public record CarriedDdl(int statements, List<Risk> risks, List<Awaited> awaited) {

  public static final CarriedDdl NONE = new CarriedDdl(0, List.of(), List.of());

  /** A superseded assessment's statements, at entries {@code from}… of the merged list. */
  public record Awaited(String assessmentId, int from, int count) {}

  public CarriedDdl {
    risks = List.copyOf(Objects.requireNonNullElse(risks, List.of()));
    awaited = List.copyOf(Objects.requireNonNullElse(awaited, List.of()));
  }

  /**
   * Adds the statements of a superseded assessment (its own carried ones included) after those
   * already carried.
   */
  CarriedDdl plus(String assessmentId, SystemState.Pending superseded) {
    int offset = statements;
    CarriedDdl prior = superseded.carried();
    List<Risk> moreRisks = new ArrayList<>(risks);
    prior.risks().forEach(r -> moreRisks.add(shifted(r, offset)));
    List<Awaited> moreAwaited = new ArrayList<>(awaited);
    prior
        .awaited()
        .forEach(a -> moreAwaited.add(new Awaited(a.assessmentId(), offset + a.from(), a.count())));
    int ownFrom = offset + prior.statements();
    int own = superseded.schemaChange().ddl().size() - prior.statements();
    SectionVerdict migration = superseded.verdicts().get(Section.MIGRATION);
    if (migration != null) {
      statementRisks(migration).forEach(r -> moreRisks.add(shifted(r, ownFrom)));
    } else if (own > 0) {
      moreAwaited.add(new Awaited(assessmentId, ownFrom, own));
    }
    return new CarriedDdl(
        offset + superseded.schemaChange().ddl().size(), sorted(moreRisks), moreAwaited);
  }

  /** Whether the migration verdict of {@code assessmentId} is one this assessment waits for. */
  boolean awaits(String assessmentId) {
    return awaited.stream().anyMatch(a -> a.assessmentId().equals(assessmentId));
  }

  /** Takes in the late migration verdict of a superseded assessment. */
  CarriedDdl withVerdict(SectionVerdict migration) {
    List<Risk> moreRisks = new ArrayList<>(risks);
    List<Awaited> still = new ArrayList<>();
    for (Awaited a : awaited) {
      if (a.assessmentId().equals(migration.assessmentId())) {
        statementRisks(migration).forEach(r -> moreRisks.add(shifted(r, a.from())));
      } else {
        still.add(a);
      }
    }
    return new CarriedDdl(statements, sorted(moreRisks), still);
  }

  /** The merged list's entries whose migration verdict never came. */
  List<Integer> unassessed() {
    return awaited.stream()
        .flatMap(a -> IntStream.range(a.from(), a.from() + a.count()).boxed())
        .sorted()
        .toList();
  }

  /**
   * The migration verdict as the revision shows it: the carried statements' risks first, then the
   * verdict's own, its statements re-indexed past the carried ones.
   */
  SectionVerdict applyTo(SectionVerdict migration) {
    if (statements == 0) {
      return migration;
    }
    List<Risk> all = new ArrayList<>(risks);
    migration.risks().forEach(r -> all.add(isStatementRisk(r) ? shifted(r, statements) : r));
    return migration.withRisks(all);
  }

  private static List<Risk> statementRisks(SectionVerdict migration) {
    return migration.risks().stream().filter(CarriedDdl::isStatementRisk).toList();
  }

  private static boolean isStatementRisk(Risk risk) {
    return risk.statement() != null && risk.statement().ddlIndex() != null;
  }

  private static Risk shifted(Risk risk, int offset) {
    return risk.withStatement(risk.statement().atDdlIndex(risk.statement().ddlIndex() + offset));
  }

  /** In statement order; a statement's risks keep the order the section gave them. */
  private static List<Risk> sorted(List<Risk> risks) {
    return risks.stream().sorted(Comparator.comparingInt(r -> r.statement().ddlIndex())).toList();
  }
}
