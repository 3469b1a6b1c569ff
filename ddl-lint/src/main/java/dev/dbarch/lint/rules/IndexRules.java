package dev.dbarch.lint.rules;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.lint.sql.Name;
import dev.dbarch.lint.sql.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Building, dropping and rebuilding indexes. */
final class IndexRules {

  private static final Pattern CREATE_INDEX =
      Pattern.compile("(?i)^(\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX)\\s+");
  private static final Pattern DROP_INDEX = Pattern.compile("(?i)^(\\s*DROP\\s+INDEX)\\s+");
  private static final Pattern REINDEX =
      Pattern.compile(
          "(?i)^(\\s*REINDEX\\s+(?:\\([^)]*\\)\\s*)?(?:INDEX|TABLE|SCHEMA|DATABASE))\\s+");

  private IndexRules() {}

  static List<MigrationRule> all() {
    return List.of(
        CREATE_WITHOUT_CONCURRENTLY,
        DROP_WITHOUT_CONCURRENTLY,
        REINDEX_WITHOUT_CONCURRENTLY,
        CONCURRENTLY_IN_TRANSACTION,
        WIDE_INDEX);
  }

  static final MigrationRule CREATE_WITHOUT_CONCURRENTLY =
      Rule.of(
          "MIG-DDL-IDX-001",
          "Index built without CONCURRENTLY",
          Rule.POSTGRES,
          "CREATE INDEX on an existing table holds a SHARE lock while it reads the whole table:"
              + " reads go on, every INSERT, UPDATE and DELETE waits until the build ends. CREATE"
              + " INDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE instead (writes continue), reads"
              + " the table twice and cannot run inside a transaction; a failed concurrent build"
              + " leaves an INVALID index to drop before retrying. A partitioned table cannot be"
              + " indexed concurrently: index each partition concurrently and attach them to an"
              + " index created ON ONLY the parent.",
          in -> {
            if (!(in.stmt() instanceof Stmt.CreateIndex s)
                || s.concurrently()
                || s.only()
                || !in.existingTable()) {
              return List.of();
            }
            return List.of(
                Hit.of(
                    Impact.LOCK_WHILE_WORKING,
                    "CREATE INDEX on "
                        + in.table().qualified()
                        + " ("
                        + in.size().describe()
                        + ") takes ShareLock: writes to the table wait for the whole build",
                    concurrentIndex(in, s)));
          });

  private static String concurrentIndex(RuleInput in, Stmt.CreateIndex s) {
    String lockTimeout = Rewrites.lockTimeout(in.dialect(), in.context().targets());
    List<SchemaSnapshot.Table> partitions = partitions(in);
    if (!partitions.isEmpty()) {
      String parentIndex =
          s.index() == null
              ? Rewrites.name(in.table().name(), "idx", s.columns())
              : s.index().name();
      StringBuilder sql = new StringBuilder(lockTimeout);
      String columns = "(" + String.join(", ", s.columns()) + ")";
      String unique = s.unique() ? "UNIQUE " : "";
      sql.append("-- A partitioned table: an index on the parent alone, then one per partition.\n")
          .append("CREATE ")
          .append(unique)
          .append("INDEX IF NOT EXISTS ")
          .append(parentIndex)
          .append(" ON ONLY ")
          .append(in.tableSql())
          .append(' ')
          .append(columns)
          .append(";\n");
      for (SchemaSnapshot.Table p : partitions) {
        String partIndex = Rewrites.name(p.name(), "idx", s.columns());
        sql.append("CREATE ")
            .append(unique)
            .append("INDEX CONCURRENTLY IF NOT EXISTS ")
            .append(partIndex)
            .append(" ON ")
            .append(new Name(p.schema(), p.name()).sql())
            .append(' ')
            .append(columns)
            .append(";\n")
            .append("ALTER INDEX ")
            .append(qualifiedIndex(in.table(), parentIndex))
            .append(" ATTACH PARTITION ")
            .append(qualifiedIndex(new Name(p.schema(), p.name()), partIndex))
            .append(";\n");
      }
      return sql.toString();
    }
    String rewritten = CREATE_INDEX.matcher(in.sql()).replaceFirst("$1 CONCURRENTLY ").strip();
    if (s.index() != null && !s.ifNotExists()) {
      rewritten = rewritten.replaceFirst("(?i) CONCURRENTLY ", " CONCURRENTLY IF NOT EXISTS ");
    }
    String cleanup =
        s.index() == null
            ? "-- If it fails, drop the INVALID index it leaves (see pg_index.indisvalid) with DROP"
                + " INDEX CONCURRENTLY, then run it again.\n"
            : "-- If it fails, run DROP INDEX CONCURRENTLY IF EXISTS "
                + s.index().sql()
                + "; then run it again (a failed build leaves an INVALID index).\n";
    return "-- Run outside a transaction block (CONCURRENTLY cannot run inside one).\n"
        + lockTimeout
        + cleanup
        + rewritten
        + ";\n";
  }

  private static String qualifiedIndex(Name table, String index) {
    return table.schema() == null ? index : table.schema() + "." + index;
  }

  private static List<SchemaSnapshot.Table> partitions(RuleInput in) {
    List<SchemaSnapshot.Table> out = new ArrayList<>();
    in.catalogTable()
        .filter(t -> t.partitionKey() != null)
        .ifPresent(
            parent ->
                in.context().sizes().tables().stream()
                    .filter(t -> parent.qualifiedName().equalsIgnoreCase(t.partitionOf()))
                    .forEach(out::add));
    return out;
  }

  static final MigrationRule DROP_WITHOUT_CONCURRENTLY =
      Rule.of(
          "MIG-DDL-IDX-002",
          "Index dropped without CONCURRENTLY",
          Rule.POSTGRES,
          "DROP INDEX takes ACCESS EXCLUSIVE on the index's table: brief, but it queues behind any"
              + " running query on the table and every later query queues behind it. DROP INDEX"
              + " CONCURRENTLY waits for those queries without blocking new ones; it cannot run in"
              + " a transaction and drops one index at a time.",
          in -> {
            if (!(in.stmt() instanceof Stmt.DropIndex s)
                || s.concurrently()
                || in.table() == null
                || !in.existingTable()) {
              return List.of();
            }
            StringBuilder sql =
                new StringBuilder("-- Run outside a transaction block, one index per statement.\n");
            sql.append(Rewrites.lockTimeout(in.dialect(), in.context().targets()));
            for (Name index : s.indexes()) {
              sql.append("DROP INDEX CONCURRENTLY IF EXISTS ").append(index.sql()).append(";\n");
            }
            return List.of(
                Hit.of(
                    Impact.LOCK_QUEUE,
                    "DROP INDEX takes AccessExclusiveLock on "
                        + in.table().qualified()
                        + ": every query on it waits while the drop waits for running ones",
                    sql.toString()));
          });

  static final MigrationRule REINDEX_WITHOUT_CONCURRENTLY =
      Rule.of(
          "MIG-DDL-IDX-003",
          "REINDEX without CONCURRENTLY",
          Rule.POSTGRES,
          "REINDEX blocks writes to the table (SHARE lock) and takes ACCESS EXCLUSIVE on each index"
              + " it rebuilds, so queries that would use the index wait too, for as long as the"
              + " rebuild reads the table. PostgreSQL 12 added REINDEX CONCURRENTLY; before 12 the"
              + " same result comes from building a new index concurrently, dropping the old one"
              + " concurrently and renaming the new one.",
          in -> {
            if (!(in.stmt() instanceof Stmt.Reindex s) || s.concurrently() || s.name() == null) {
              return List.of();
            }
            if (!s.target().equals("INDEX") && !s.target().equals("TABLE")) {
              return List.of();
            }
            String rewrite;
            if (in.version().atLeast(12)) {
              rewrite =
                  "-- Run outside a transaction block.\n"
                      + Rewrites.lockTimeout(in.dialect(), in.context().targets())
                      + REINDEX.matcher(in.sql()).replaceFirst("$1 CONCURRENTLY ").strip()
                      + ";\n";
            } else {
              rewrite = twinIndexes(in, s);
            }
            return List.of(
                Hit.of(
                    Impact.LOCK_WHILE_WORKING,
                    "REINDEX "
                        + s.target()
                        + " "
                        + s.name().qualified()
                        + " blocks writes to "
                        + (in.table() == null ? "the table" : in.table().qualified())
                        + " and queries using the index while it rebuilds",
                    rewrite));
          });

  /** Before PostgreSQL 12: build a twin of each index concurrently, drop the old, rename. */
  private static String twinIndexes(RuleInput in, Stmt.Reindex s) {
    StringBuilder sql =
        new StringBuilder(
            "-- PostgreSQL "
                + in.version()
                + " cannot rebuild an index concurrently: build a twin, drop the old one, rename."
                + "\n-- (An index behind a PRIMARY KEY or UNIQUE constraint cannot be dropped"
                + " this way.)\n");
    List<SchemaSnapshot.Index> indexes =
        in.catalogTable().map(SchemaSnapshot.Table::indexes).orElse(List.of()).stream()
            .filter(i -> s.target().equals("TABLE") || i.name().equalsIgnoreCase(s.name().name()))
            .toList();
    if (indexes.isEmpty()) {
      String index = s.target().equals("INDEX") ? s.name().name() : "each_index";
      return sql.append("-- For ")
          .append(index)
          .append(": CREATE INDEX CONCURRENTLY ")
          .append(index)
          .append("_new with the same definition, DROP INDEX CONCURRENTLY ")
          .append(index)
          .append(", ALTER INDEX ")
          .append(index)
          .append("_new RENAME TO ")
          .append(index)
          .append(".\n")
          .toString();
    }
    for (SchemaSnapshot.Index index : indexes) {
      if (index.definition() == null) {
        continue;
      }
      String twin = index.name() + "_new";
      String create =
          index
              .definition()
              .replaceFirst(
                  "(?i)^CREATE (UNIQUE )?INDEX \\S+ ON",
                  "CREATE $1INDEX CONCURRENTLY " + twin + " ON");
      sql.append(create)
          .append(";\nDROP INDEX CONCURRENTLY ")
          .append(index.name())
          .append(";\nALTER INDEX ")
          .append(twin)
          .append(" RENAME TO ")
          .append(index.name())
          .append(";\n");
    }
    return sql.toString();
  }

  static final MigrationRule CONCURRENTLY_IN_TRANSACTION =
      Rule.of(
          "MIG-DDL-IDX-004",
          "CONCURRENTLY inside a transaction",
          Rule.POSTGRES,
          "CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and DETACH"
              + " PARTITION CONCURRENTLY refuse to run inside a transaction block: the statement"
              + " fails, and with it the migration. Migration tools that wrap every file in a"
              + " transaction need it disabled for such files.",
          in -> {
            if (!in.state().inTransaction() || in.classification().transactional()) {
              return List.of();
            }
            boolean concurrently =
                in.stmt() instanceof Stmt.CreateIndex ci && ci.concurrently()
                    || in.stmt() instanceof Stmt.DropIndex di && di.concurrently()
                    || in.stmt() instanceof Stmt.Reindex ri && ri.concurrently()
                    || in.stmt() instanceof Stmt.AlterTable;
            String what = concurrently ? "A CONCURRENTLY statement" : "This statement";
            return List.of(
                Hit.of(
                    Impact.FAILS,
                    what
                        + " cannot run inside the transaction opened earlier in this script: it"
                        + " fails with 'cannot run inside a transaction block'",
                    "COMMIT;\n-- then, outside any transaction:\n" + in.statement() + "\n"));
          });

  static final MigrationRule WIDE_INDEX =
      Rule.of(
          "MIG-DDL-IDX-005",
          "Non-unique index on more than three columns",
          Rule.ALL,
          "A non-unique index over more than three columns is large, slow to maintain on every"
              + " write, and rarely used beyond its leading columns; the first two or three columns"
              + " usually serve the same queries.",
          in -> {
            if (!(in.stmt() instanceof Stmt.CreateIndex s)) {
              return List.of();
            }
            List<String> columns = s.columns();
            if (s.unique() || columns.size() <= 3) {
              return List.of();
            }
            return List.of(
                new Hit(
                    Impact.SCHEMA_HYGIENE,
                    "The index covers "
                        + columns.size()
                        + " columns ("
                        + String.join(", ", columns)
                        + "); most queries use only the leading ones",
                    null,
                    Map.of("indexColumns", Integer.toString(columns.size()))));
          });
}
