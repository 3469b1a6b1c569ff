package dev.dbarch.selection.rules;

import dev.dbarch.contracts.profile.SystemProfile;
import dev.dbarch.contracts.profile.Thresholds;
import dev.dbarch.contracts.requirements.AccessPattern;
import dev.dbarch.contracts.requirements.Availability;
import dev.dbarch.contracts.requirements.Compliance;
import dev.dbarch.contracts.requirements.Consistency;
import dev.dbarch.contracts.requirements.DataShape;
import dev.dbarch.contracts.requirements.Latency;
import dev.dbarch.contracts.requirements.Platform;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.requirements.Scale;
import dev.dbarch.contracts.requirements.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The requirements as the selection rules read them: every group present (empty when the team left
 * it out) so a rule checks a fact, never a missing group, and maps sorted by key so output never
 * depends on the order a document happened to list them in.
 */
record Profile(
    Workload workload,
    Scale scale,
    DataShape shape,
    Consistency consistency,
    Latency latency,
    Availability availability,
    Compliance compliance,
    Platform platform,
    List<AccessPattern> accessPatterns,
    Map<String, Long> tableRows,
    Map<String, Consistency.Level> consistencyPerArea,
    List<QueryReader.Read> reads,
    SystemProfile system) {

  static Profile of(Requirements req) {
    return of(req, SystemProfile.of(req, null));
  }

  /** The selection's view, over the profile every section shares ({@code system}). */
  static Profile of(Requirements req, SystemProfile system) {
    Workload workload =
        req.workload() != null
            ? req.workload()
            : new Workload(null, null, null, null, null, null, null, null, null, null);
    Scale scale =
        req.scale() != null
            ? req.scale()
            : new Scale(null, null, null, null, null, null, null, null);
    DataShape shape =
        req.dataShape() != null
            ? req.dataShape()
            : new DataShape(null, null, null, null, null, null, null, null, null, null);
    Consistency consistency =
        req.consistency() != null ? req.consistency() : new Consistency(null, null);
    Latency latency = req.latency() != null ? req.latency() : new Latency(null, null);
    Availability availability =
        req.availability() != null
            ? req.availability()
            : new Availability(null, null, null, null, null);
    Compliance compliance =
        req.compliance() != null ? req.compliance() : new Compliance(null, null, null);
    Platform platform =
        req.platform() != null
            ? req.platform()
            : new Platform(null, null, null, null, null, null, null, null);
    List<AccessPattern> patterns = req.accessPatterns() == null ? List.of() : req.accessPatterns();
    Map<String, Long> rows = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (scale.tableRows() != null) {
      scale.tableRows().forEach((table, count) -> rows.put(table, count == null ? 0L : count));
    }
    Map<String, Consistency.Level> perArea = new TreeMap<>();
    if (consistency.perArea() != null) {
      perArea.putAll(consistency.perArea());
    }
    List<QueryReader.Read> reads = new ArrayList<>();
    for (AccessPattern pattern : patterns) {
      reads.add(QueryReader.read(pattern));
    }
    return new Profile(
        workload,
        scale,
        shape,
        consistency,
        latency,
        availability,
        compliance,
        platform,
        patterns,
        rows,
        perArea,
        List.copyOf(reads),
        system);
  }

  /** Every query the access patterns give, in the order the team listed them. */
  List<Query> queries() {
    return reads.stream().flatMap(r -> r.queries().stream()).toList();
  }

  /** The queries that read {@code table}. */
  List<Query> queriesOn(String table) {
    return queries().stream()
        .filter(q -> table != null && table.equalsIgnoreCase(q.table()))
        .toList();
  }

  static boolean yes(Boolean flag) {
    return Boolean.TRUE.equals(flag);
  }

  /** A shape that needs something other than a relational store as its home. */
  boolean specialisedShape() {
    return yes(shape.flexibleDocuments())
        || yes(shape.keyValue())
        || yes(shape.timeSeries())
        || yes(shape.graphTraversals())
        || yes(shape.embeddings());
  }

  /** Relational when the team says so, or when nothing points to a specialised store. */
  boolean relational() {
    return yes(shape.relational()) || !specialisedShape();
  }

  /** The data volume the design must carry: the 12-month projection if given, else today's. */
  Double dataGb() {
    return system.dataGb();
  }

  Thresholds thresholds() {
    return system.thresholds();
  }

  boolean lockInConcern() {
    return yes(platform.vendorLockInConcern());
  }

  /**
   * Managed unless the team explicitly prefers to run the database itself and has the operations
   * skills to do so.
   */
  boolean wantsManaged() {
    return !Boolean.FALSE.equals(platform.managedPreferred())
        || platform.opsExpertise() == Platform.Level.LOW;
  }

  /** The team lists {@code engine} among its databases, or the monitored database is one. */
  boolean teamRuns(String engine) {
    return system.runs(engine);
  }

  /**
   * The primary store the shared kernel chose ({@link SystemProfile#chosen()}): the rules explain
   * this choice, they do not make another.
   */
  Technology chosen() {
    return Technology.of(system.chosen().product());
  }

  boolean anyStrongArea() {
    return consistencyPerArea.containsValue(Consistency.Level.STRONG);
  }

  /** Rows of a table when the team listed it, else null. */
  Long rows(String table) {
    return table == null ? null : tableRows.get(table);
  }

  /** Whether any area, or the whole system, must be strongly consistent or transactional. */
  boolean strongRequired() {
    return consistency.level() == Consistency.Level.STRONG
        || anyStrongArea()
        || yes(workload.acidTransactions());
  }

  List<String> eventualAreas() {
    return consistencyPerArea.entrySet().stream()
        .filter(e -> e.getValue() == Consistency.Level.EVENTUAL)
        .map(Map.Entry::getKey)
        .toList();
  }
}
