package dev.dbarch.lint.rules;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.lint.sql.AlterAction;
import dev.dbarch.lint.sql.ConstraintDef;
import dev.dbarch.lint.sql.Stmt;
import java.util.ArrayList;
import java.util.List;

/** Adding and validating constraints. */
final class ConstraintRules {

  private ConstraintRules() {}

  static List<MigrationRule> all() {
    return List.of(
        CHECK_WITHOUT_NOT_VALID,
        FOREIGN_KEY_WITHOUT_NOT_VALID,
        UNIQUE_WITHOUT_INDEX,
        PRIMARY_KEY_WITHOUT_INDEX,
        EXCLUSION_CONSTRAINT,
        VALIDATE_IN_SAME_TRANSACTION,
        DOMAIN_CONSTRAINT);
  }

  private static List<ConstraintDef> added(RuleInput in, ConstraintDef.Kind kind) {
    List<ConstraintDef> out = new ArrayList<>();
    if (in.stmt() instanceof Stmt.AlterTable s) {
      for (AlterAction a : s.actions()) {
        if (a instanceof AlterAction.AddConstraint c && c.constraint().kind() == kind) {
          out.add(c.constraint());
        }
      }
    }
    return out;
  }

  private static String constraintName(RuleInput in, ConstraintDef c, String suffix) {
    return c.name() != null ? c.name() : Rewrites.name(in.table().name(), suffix, c.columns());
  }

  static final MigrationRule CHECK_WITHOUT_NOT_VALID =
      Rule.of(
          "MIG-DDL-CON-001",
          "CHECK constraint added without NOT VALID",
          Rule.POSTGRES,
          "Adding a CHECK constraint to an existing table holds ACCESS EXCLUSIVE (no reads, no"
              + " writes) while every row is checked. Added NOT VALID it is enforced for new rows at"
              + " once and takes the lock only for a moment; VALIDATE CONSTRAINT then checks the old"
              + " rows under SHARE UPDATE EXCLUSIVE, which lets reads and writes continue. Commit"
              + " between the two.",
          in -> {
            if (!in.existingTable()) {
              return List.of();
            }
            List<Hit> hits = new ArrayList<>();
            for (ConstraintDef c : added(in, ConstraintDef.Kind.CHECK)) {
              if (c.notValid()) {
                continue;
              }
              String name = constraintName(in, c, "check");
              String lock = Rewrites.lockTimeout(in.dialect(), in.context().targets());
              hits.add(
                  Hit.of(
                      Impact.LOCK_WHILE_WORKING,
                      "CHECK ("
                          + c.checkExpression()
                          + ") on "
                          + in.table().qualified()
                          + " ("
                          + in.size().describe()
                          + ") holds AccessExclusiveLock while every row is checked",
                      lock
                          + "ALTER TABLE "
                          + in.tableSql()
                          + " ADD CONSTRAINT "
                          + name
                          + " CHECK ("
                          + c.checkExpression()
                          + ") NOT VALID;\n-- commit, then (reads and writes continue while it"
                          + " scans):\nALTER TABLE "
                          + in.tableSql()
                          + " VALIDATE CONSTRAINT "
                          + name
                          + ";\n"));
            }
            return hits;
          });

  static final MigrationRule FOREIGN_KEY_WITHOUT_NOT_VALID =
      Rule.of(
          "MIG-DDL-CON-002",
          "Foreign key added without NOT VALID",
          Rule.POSTGRES,
          "Adding a foreign key takes SHARE ROW EXCLUSIVE on both tables (writes to either wait)"
              + " while every existing row is looked up in the referenced table. Added NOT VALID it"
              + " applies to new rows at once; VALIDATE CONSTRAINT later checks the old rows with"
              + " SHARE UPDATE EXCLUSIVE on the table and ROW SHARE on the referenced one, so writes"
              + " continue. The referencing columns also want an index (see the schema rules).",
          in -> {
            if (!in.existingTable()) {
              return List.of();
            }
            List<Hit> hits = new ArrayList<>();
            for (ConstraintDef c : added(in, ConstraintDef.Kind.FOREIGN_KEY)) {
              if (c.notValid()
                  || in.state().createdHere(c.referencedTable()) && in.size().empty()) {
                continue;
              }
              String name = constraintName(in, c, "fkey");
              String refCols =
                  c.referencedColumns().isEmpty()
                      ? ""
                      : " (" + String.join(", ", c.referencedColumns()) + ")";
              hits.add(
                  Hit.of(
                      Impact.LOCK_WHILE_WORKING,
                      "FOREIGN KEY ("
                          + String.join(", ", c.columns())
                          + ") → "
                          + c.referencedTable().qualified()
                          + " takes ShareRowExclusiveLock on both tables while "
                          + in.table().qualified()
                          + " ("
                          + in.size().describe()
                          + ") is checked: writes to either wait",
                      Rewrites.lockTimeout(in.dialect(), in.context().targets())
                          + "ALTER TABLE "
                          + in.tableSql()
                          + " ADD CONSTRAINT "
                          + name
                          + " FOREIGN KEY ("
                          + String.join(", ", c.columns())
                          + ") REFERENCES "
                          + c.referencedTable().sql()
                          + refCols
                          + " NOT VALID;\n-- commit, then (writes continue while it checks):\n"
                          + "ALTER TABLE "
                          + in.tableSql()
                          + " VALIDATE CONSTRAINT "
                          + name
                          + ";\n"));
            }
            return hits;
          });

  static final MigrationRule UNIQUE_WITHOUT_INDEX =
      Rule.of(
          "MIG-DDL-CON-003",
          "UNIQUE constraint added without an existing index",
          Rule.POSTGRES,
          "ADD CONSTRAINT … UNIQUE builds its index while holding ACCESS EXCLUSIVE: no reads and no"
              + " writes for the whole build. Build the unique index CONCURRENTLY first, then attach"
              + " it with ADD CONSTRAINT … UNIQUE USING INDEX, which takes the lock only for a"
              + " moment.",
          in -> keyWithoutIndex(in, ConstraintDef.Kind.UNIQUE));

  static final MigrationRule PRIMARY_KEY_WITHOUT_INDEX =
      Rule.of(
          "MIG-DDL-CON-004",
          "Primary key added without an existing index",
          Rule.POSTGRES,
          "ADD PRIMARY KEY builds a unique index and, for nullable columns, checks NOT NULL, all"
              + " under ACCESS EXCLUSIVE. Build the unique index CONCURRENTLY, prove the columns NOT"
              + " NULL with a validated CHECK (PostgreSQL 12+ then skips the scan), then ADD PRIMARY"
              + " KEY USING INDEX.",
          in -> keyWithoutIndex(in, ConstraintDef.Kind.PRIMARY_KEY));

  private static List<Hit> keyWithoutIndex(RuleInput in, ConstraintDef.Kind kind) {
    if (!in.existingTable()) {
      return List.of();
    }
    List<Hit> hits = new ArrayList<>();
    for (ConstraintDef c : added(in, kind)) {
      if (c.usingIndex() != null || c.columns().isEmpty()) {
        continue;
      }
      boolean pk = kind == ConstraintDef.Kind.PRIMARY_KEY;
      String index = Rewrites.name(in.table().name(), pk ? "pkey_idx" : "key_idx", c.columns());
      String name =
          c.name() != null
              ? c.name()
              : Rewrites.name(in.table().name(), pk ? "pkey" : "key", c.columns());
      String cols = String.join(", ", c.columns());
      StringBuilder sql = new StringBuilder();
      sql.append("-- Build the index without blocking writes (outside a transaction block):\n")
          .append("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ")
          .append(index)
          .append(" ON ")
          .append(in.tableSql())
          .append(" (")
          .append(cols)
          .append(");\n");
      sql.append(Rewrites.lockTimeout(in.dialect(), in.context().targets()));
      if (pk) {
        for (String col : nullableColumns(in, c.columns())) {
          String check = Rewrites.name(in.table().name(), col + "_not_null", List.of());
          sql.append("ALTER TABLE ")
              .append(in.tableSql())
              .append(" ADD CONSTRAINT ")
              .append(check)
              .append(" CHECK (")
              .append(col)
              .append(" IS NOT NULL) NOT VALID;\nALTER TABLE ")
              .append(in.tableSql())
              .append(" VALIDATE CONSTRAINT ")
              .append(check)
              .append(";\n");
        }
      }
      sql.append("ALTER TABLE ")
          .append(in.tableSql())
          .append(" ADD CONSTRAINT ")
          .append(name)
          .append(pk ? " PRIMARY KEY" : " UNIQUE")
          .append(" USING INDEX ")
          .append(index)
          .append(";\n");
      hits.add(
          Hit.of(
              Impact.LOCK_WHILE_WORKING,
              (pk ? "PRIMARY KEY (" : "UNIQUE (")
                  + cols
                  + ") on "
                  + in.table().qualified()
                  + " ("
                  + in.size().describe()
                  + ") builds its index under AccessExclusiveLock: no reads or writes until it is"
                  + " done",
              sql.toString()));
    }
    return hits;
  }

  private static List<String> nullableColumns(RuleInput in, List<String> columns) {
    SchemaSnapshot.Table table = in.catalogTable().orElse(null);
    if (table == null) {
      return columns;
    }
    return columns.stream()
        .filter(
            col ->
                table.columns().stream()
                    .anyMatch(c -> c.name().equalsIgnoreCase(col) && c.nullable()))
        .toList();
  }

  static final MigrationRule EXCLUSION_CONSTRAINT =
      Rule.of(
          "MIG-DDL-CON-005",
          "Exclusion constraint added to an existing table",
          Rule.POSTGRES,
          "An exclusion constraint builds its index under ACCESS EXCLUSIVE and, unlike UNIQUE, has"
              + " no USING INDEX or NOT VALID form: the table is unavailable for the whole build."
              + " Add it while the table is new or small, or in a maintenance window with a lock"
              + " timeout.",
          in -> {
            if (!in.existingTable() || added(in, ConstraintDef.Kind.EXCLUDE).isEmpty()) {
              return List.of();
            }
            return List.of(
                Hit.of(
                    Impact.LOCK_WHILE_WORKING,
                    "The exclusion constraint on "
                        + in.table().qualified()
                        + " ("
                        + in.size().describe()
                        + ") builds its index under AccessExclusiveLock, with no online form",
                    "-- No online form exists: run it in a maintenance window, bounded by timeouts.\n"
                        + Rewrites.lockTimeout(in.dialect(), in.context().targets())
                        + "SET statement_timeout = '15min';\n"
                        + in.statement()
                        + "\n"));
          });

  static final MigrationRule VALIDATE_IN_SAME_TRANSACTION =
      Rule.of(
          "MIG-DDL-CON-006",
          "Constraint validated in the transaction that added it",
          Rule.POSTGRES,
          "NOT VALID followed by VALIDATE CONSTRAINT in one transaction gains nothing: the ACCESS"
              + " EXCLUSIVE (or SHARE ROW EXCLUSIVE) lock the ADD took is held until COMMIT, so the"
              + " validation scan runs under it. Commit after the ADD.",
          in -> {
            if (!(in.stmt() instanceof Stmt.AlterTable s) || !in.existingTable()) {
              return List.of();
            }
            List<Hit> hits = new ArrayList<>();
            for (AlterAction a : s.actions()) {
              if (a instanceof AlterAction.ValidateConstraint v
                  && in.state().addedInThisTransaction(v.name())) {
                hits.add(
                    Hit.of(
                        Impact.LOCK_WHILE_WORKING,
                        "VALIDATE CONSTRAINT "
                            + v.name()
                            + " runs in the transaction that added it, so the scan of "
                            + in.table().qualified()
                            + " happens under the lock the ADD took",
                        "COMMIT;\n-- the ADD … NOT VALID is now committed; validate on its own:\n"
                            + in.statement()
                            + "\n"));
              }
            }
            return hits;
          });

  static final MigrationRule DOMAIN_CONSTRAINT =
      Rule.of(
          "MIG-DDL-CON-007",
          "Constraint on a domain",
          Rule.POSTGRES,
          "ALTER DOMAIN … ADD CONSTRAINT checks every column of every table that uses the domain,"
              + " under locks that block writes; add it NOT VALID and VALIDATE CONSTRAINT it"
              + " separately. A CHECK written into CREATE DOMAIN is harder to change later for the"
              + " same reason: prefer table CHECK constraints.",
          in -> {
            if (in.stmt() instanceof Stmt.AlterDomainAddConstraint s
                && !s.notValid()
                && s.check() != null) {
              String name =
                  s.constraint() != null
                      ? s.constraint()
                      : Rewrites.name(s.domain().name(), "check", List.of());
              return List.of(
                  Hit.of(
                      Impact.LOCK_WHILE_WORKING,
                      "ADD CONSTRAINT on domain "
                          + s.domain().qualified()
                          + " checks every column of that type in every table",
                      Rewrites.lockTimeout(in.dialect(), in.context().targets())
                          + "ALTER DOMAIN "
                          + s.domain().sql()
                          + " ADD CONSTRAINT "
                          + name
                          + " CHECK ("
                          + s.check()
                          + ") NOT VALID;\n-- commit, then, separately:\nALTER DOMAIN "
                          + s.domain().sql()
                          + " VALIDATE CONSTRAINT "
                          + name
                          + ";\n"));
            }
            if (in.stmt() instanceof Stmt.CreateDomain s && s.hasConstraint()) {
              return List.of(
                  Hit.of(
                      Impact.SCHEMA_HYGIENE,
                      "Domain "
                          + s.domain().qualified()
                          + " carries a CHECK: changing it later scans every table using it",
                      null));
            }
            return List.of();
          });
}
