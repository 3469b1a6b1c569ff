package dev.dbarch.workload.diagnosis;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.requirements.AccessPattern;
import dev.dbarch.contracts.requirements.Diagnostics;
import dev.dbarch.contracts.requirements.QueryPlan;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.requirements.ServerSettings;
import dev.dbarch.contracts.requirements.StatementStats;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.workload.IndexAdvice;
import dev.dbarch.contracts.workload.WorkloadSnapshot;
import dev.dbarch.workload.WorkloadThresholds;
import dev.dbarch.workload.plan.Plan;
import dev.dbarch.workload.plan.PlanFormatException;
import dev.dbarch.workload.plan.PlanParser;
import dev.dbarch.workload.statement.QueryText;
import dev.dbarch.workload.statement.WorkloadStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything the diagnoses may read about one system's workload, gathered from an assessment
 * request: the submitted diagnostics (statements, plans, settings, pool figures), the live workload
 * snapshot of its monitored database, the schema, the declared access patterns and the table sizes.
 * Statements given both ways count once, the live row winning.
 *
 * @param unreadablePlans labels and reasons of submitted plans that could not be parsed
 */
public record Evidence(
    List<WorkloadStatement> statements,
    List<Plan> plans,
    List<String> unreadablePlans,
    ServerSettings settings,
    Diagnostics diagnostics,
    WorkloadSnapshot snapshot,
    SchemaSnapshot schema,
    List<AccessPattern> accessPatterns,
    Map<String, Long> declaredTableRows,
    WorkloadThresholds thresholds) {

  public Evidence {
    statements = List.copyOf(Objects.requireNonNullElse(statements, List.of()));
    plans = List.copyOf(Objects.requireNonNullElse(plans, List.of()));
    unreadablePlans = List.copyOf(Objects.requireNonNullElse(unreadablePlans, List.of()));
    accessPatterns = List.copyOf(Objects.requireNonNullElse(accessPatterns, List.of()));
    declaredTableRows = Map.copyOf(Objects.requireNonNullElse(declaredTableRows, Map.of()));
    thresholds = Objects.requireNonNullElse(thresholds, WorkloadThresholds.DEFAULTS);
  }

  public static Evidence of(AssessmentRequested request, WorkloadThresholds thresholds) {
    return of(
        request.requirements(),
        request.workload() == null ? null : request.workload().snapshot(),
        request.schema() == null ? null : request.schema().snapshot(),
        thresholds);
  }

  /** The evidence of a system's requirements, live workload and schema (each may be null). */
  public static Evidence of(
      Requirements req,
      WorkloadSnapshot snapshot,
      SchemaSnapshot schema,
      WorkloadThresholds thresholds) {
    Diagnostics diagnostics = req == null ? null : req.diagnostics();
    Map<String, WorkloadStatement> byShape = new LinkedHashMap<>();
    if (snapshot != null) {
      for (StatementStats s : snapshot.statements()) {
        byShape.putIfAbsent(key(s), WorkloadStatement.of(s, true));
      }
    }
    List<Plan> plans = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    if (diagnostics != null) {
      for (StatementStats s :
          Objects.requireNonNullElse(diagnostics.statements(), List.<StatementStats>of())) {
        byShape.putIfAbsent(key(s), WorkloadStatement.of(s, false));
      }
      List<QueryPlan> submitted =
          Objects.requireNonNullElse(diagnostics.plans(), List.<QueryPlan>of());
      for (int i = 0; i < submitted.size(); i++) {
        try {
          plans.add(PlanParser.parse(submitted.get(i)));
        } catch (PlanFormatException e) {
          unreadable.add("plans[" + i + "]: " + e.getMessage());
        }
      }
    }
    List<WorkloadStatement> statements =
        byShape.values().stream()
            .sorted(
                Comparator.comparingDouble(WorkloadStatement::totalMillis)
                    .reversed()
                    .thenComparing(WorkloadStatement::shapeText))
            .toList();
    ServerSettings settings =
        merge(
            snapshot == null ? null : snapshot.settings(),
            diagnostics == null ? null : diagnostics.settings());
    return new Evidence(
        statements,
        plans,
        unreadable,
        settings,
        diagnostics,
        snapshot,
        schema,
        req == null ? null : req.accessPatterns(),
        req == null || req.scale() == null ? null : req.scale().tableRows(),
        thresholds);
  }

  /** The live value of each setting when the database was read, else the submitted one. */
  static ServerSettings merge(ServerSettings live, ServerSettings submitted) {
    if (live == null) {
      return submitted;
    }
    if (submitted == null) {
      return live;
    }
    return new ServerSettings(
        first(live.sharedBuffers(), submitted.sharedBuffers()),
        first(live.workMem(), submitted.workMem()),
        first(live.effectiveCacheSize(), submitted.effectiveCacheSize()),
        first(live.maxConnections(), submitted.maxConnections()));
  }

  private static <T> T first(T a, T b) {
    return a != null ? a : b;
  }

  private static String key(StatementStats s) {
    return s.queryId() != null ? "id:" + s.queryId() : "shape:" + QueryText.shape(s.query());
  }

  /** Whether there is anything for the workload diagnoses to read. */
  public boolean isEmpty() {
    boolean diagnosticsEvidence =
        diagnostics != null
            && (diagnostics.settings() != null
                || (diagnostics.poolSize() != null && diagnostics.applicationInstances() != null));
    return statements.isEmpty()
        && plans.isEmpty()
        && unreadablePlans.isEmpty()
        && snapshot == null
        && !diagnosticsEvidence;
  }

  /** {@code max_connections}: the server's setting, else the submitted figure. */
  public Integer maxConnections() {
    if (settings != null && settings.maxConnections() != null) {
      return settings.maxConnections();
    }
    return diagnostics == null ? null : diagnostics.maxConnections();
  }

  /** The engine: the live snapshot's, else the schema's, else told from the plans. */
  public boolean isMySql() {
    if (snapshot != null) {
      return snapshot.engine() != SchemaSnapshot.Engine.POSTGRESQL;
    }
    if (schema != null) {
      return schema.engine() != SchemaSnapshot.Engine.POSTGRESQL;
    }
    return !plans.isEmpty() && plans.stream().allMatch(p -> p.engine() == Plan.Engine.MYSQL);
  }

  /** How many rows a table has, from the live statistics, the catalog or the requirements. */
  public OptionalLong tableRows(String table) {
    if (table == null) {
      return OptionalLong.empty();
    }
    String name = unqualified(table);
    if (snapshot != null) {
      for (WorkloadSnapshot.TableActivity t : snapshot.tables()) {
        if (t.name().equalsIgnoreCase(name) && t.liveRows() > 0) {
          return OptionalLong.of(t.liveRows());
        }
      }
    }
    if (schema != null) {
      for (SchemaSnapshot.Table t : schema.tables()) {
        if (t.name().equalsIgnoreCase(name) && t.rowEstimate() > 0) {
          return OptionalLong.of(t.rowEstimate());
        }
      }
    }
    for (Map.Entry<String, Long> declared : declaredTableRows.entrySet()) {
      if (unqualified(declared.getKey()).equalsIgnoreCase(name) && declared.getValue() != null) {
        return OptionalLong.of(declared.getValue());
      }
    }
    return OptionalLong.empty();
  }

  /** The table's schema, when the live statistics or the catalog know it. */
  public Optional<String> schemaOf(String table) {
    String name = unqualified(table);
    if (table != null && table.contains(".")) {
      return Optional.of(table.substring(0, table.lastIndexOf('.')));
    }
    if (snapshot != null) {
      for (WorkloadSnapshot.TableActivity t : snapshot.tables()) {
        if (t.name().equalsIgnoreCase(name) && t.schema() != null) {
          return Optional.of(t.schema());
        }
      }
    }
    if (schema != null) {
      for (SchemaSnapshot.Table t : schema.tables()) {
        if (t.name().equalsIgnoreCase(name) && t.schema() != null) {
          return Optional.of(t.schema());
        }
      }
    }
    return Optional.empty();
  }

  /** {@code schema.table} when the schema is known, else the name as given. */
  public String qualified(String table) {
    String name = unqualified(table);
    return schemaOf(table).map(s -> s + "." + name).orElse(name);
  }

  /** Whether anything (statistics, catalog, index advice) knows the table's indexes. */
  public boolean knowsIndexesOf(String table) {
    String name = unqualified(table);
    return (snapshot != null
            && snapshot.tables().stream().anyMatch(t -> t.name().equalsIgnoreCase(name)))
        || (schema != null
            && schema.tables().stream().anyMatch(t -> t.name().equalsIgnoreCase(name)));
  }

  /** The indexes of a table: from the live statistics, else from the schema snapshot. */
  public List<ExistingIndex> indexesOf(String table) {
    String name = unqualified(table);
    List<ExistingIndex> found = new ArrayList<>();
    if (snapshot != null) {
      for (WorkloadSnapshot.IndexActivity i : snapshot.indexes()) {
        if (i.table().equalsIgnoreCase(name)) {
          found.add(
              new ExistingIndex(
                  i.schema(),
                  i.table().toLowerCase(Locale.ROOT),
                  i.name(),
                  ExistingIndex.keysOf(i.definition()),
                  i.unique(),
                  i.scans(),
                  i.sizeBytes(),
                  i.definition()));
        }
      }
    }
    if (found.isEmpty() && schema != null) {
      for (SchemaSnapshot.Table t : schema.tables()) {
        if (!t.name().equalsIgnoreCase(name)) {
          continue;
        }
        for (SchemaSnapshot.Index i : t.indexes()) {
          List<String> keys =
              i.definition() != null && !ExistingIndex.keysOf(i.definition()).isEmpty()
                  ? ExistingIndex.keysOf(i.definition())
                  : i.columns().stream().map(ExistingIndex::normalise).toList();
          found.add(
              new ExistingIndex(
                  t.schema(),
                  t.name().toLowerCase(Locale.ROOT),
                  i.name(),
                  keys,
                  i.unique() || i.primary(),
                  i.scans(),
                  i.sizeBytes(),
                  i.definition()));
        }
        if (!t.primaryKey().isEmpty()
            && found.stream().noneMatch(x -> x.leadsWith(t.primaryKey()))) {
          found.add(
              new ExistingIndex(
                  t.schema(),
                  t.name().toLowerCase(Locale.ROOT),
                  t.name() + "_pkey",
                  t.primaryKey().stream().map(ExistingIndex::normalise).toList(),
                  true,
                  -1,
                  -1,
                  null));
        }
      }
    }
    return found;
  }

  /** The columns of a table, in order, when the schema snapshot has them. */
  public List<String> columnsOf(String table) {
    if (schema == null) {
      return List.of();
    }
    String name = unqualified(table);
    return schema.tables().stream()
        .filter(t -> t.name().equalsIgnoreCase(name))
        .findFirst()
        .map(
            t ->
                t.columns().stream()
                    .sorted(Comparator.comparingInt(SchemaSnapshot.Column::position))
                    .map(SchemaSnapshot.Column::name)
                    .toList())
        .orElse(List.of());
  }

  /** The HypoPG measurement of an index on {@code table (keys)}, when the snapshot has one. */
  public Optional<IndexAdvice> adviceFor(String table, List<String> keys) {
    if (snapshot == null) {
      return Optional.empty();
    }
    String name = unqualified(table);
    List<String> wanted = keys.stream().map(ExistingIndex::normalise).toList();
    return snapshot.indexAdvice().stream()
        .filter(a -> unqualified(a.table()).equalsIgnoreCase(name))
        .filter(a -> a.columns().stream().map(ExistingIndex::normalise).toList().equals(wanted))
        .findFirst();
  }

  /** The live statistics of a table, when the snapshot has them. */
  public Optional<WorkloadSnapshot.TableActivity> activityOf(String table) {
    if (snapshot == null || table == null) {
      return Optional.empty();
    }
    String name = unqualified(table);
    return snapshot.tables().stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }

  static String unqualified(String table) {
    if (table == null) {
      return null;
    }
    String t = table.replace("\"", "").replace("`", "");
    return t.contains(".") ? t.substring(t.lastIndexOf('.') + 1) : t;
  }
}
