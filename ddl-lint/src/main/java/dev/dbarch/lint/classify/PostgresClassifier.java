package dev.dbarch.lint.classify;

import static dev.dbarch.contracts.schema.StatementRisk.LockMode.AccessExclusiveLock;
import static dev.dbarch.contracts.schema.StatementRisk.LockMode.RowExclusiveLock;
import static dev.dbarch.contracts.schema.StatementRisk.LockMode.RowShareLock;
import static dev.dbarch.contracts.schema.StatementRisk.LockMode.ShareLock;
import static dev.dbarch.contracts.schema.StatementRisk.LockMode.ShareRowExclusiveLock;
import static dev.dbarch.contracts.schema.StatementRisk.LockMode.ShareUpdateExclusiveLock;

import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.StatementRisk.LockMode;
import dev.dbarch.contracts.schema.StatementRisk.TableLock;
import dev.dbarch.contracts.schema.StatementRisk.TableWork;
import dev.dbarch.lint.ServerVersion;
import dev.dbarch.lint.context.ScriptState;
import dev.dbarch.lint.context.TableSizes;
import dev.dbarch.lint.sql.AlterAction;
import dev.dbarch.lint.sql.ColumnDef;
import dev.dbarch.lint.sql.ConstraintDef;
import dev.dbarch.lint.sql.Name;
import dev.dbarch.lint.sql.StatementParser;
import dev.dbarch.lint.sql.Stmt;
import dev.dbarch.lint.sql.TypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL's behaviour for each statement: the lock it takes on each relation (the mode {@code
 * pg_locks} shows), whether it reads or rewrites the table, whether it may run in a transaction.
 * The facts follow the server version (11: constant defaults stored in the catalog; 12: {@code
 * REINDEX CONCURRENTLY}, {@code SET NOT NULL} proven by a valid CHECK, {@code ATTACH PARTITION}
 * under SHARE UPDATE EXCLUSIVE; 14: {@code DETACH PARTITION CONCURRENTLY}). Every claim here is
 * checked against a real PostgreSQL by the corpus harness in this module's tests.
 */
public final class PostgresClassifier {

  private final ServerVersion version;
  private final TableSizes catalog;
  private final ScriptState state;

  public PostgresClassifier(ServerVersion version, TableSizes catalog, ScriptState state) {
    this.version = version;
    this.catalog = catalog;
    this.state = state;
  }

  public Classification classify(Stmt stmt) {
    if (stmt instanceof Stmt.CreateTable s) {
      return createTable(s);
    }
    if (stmt instanceof Stmt.CreateIndex s) {
      return createIndex(s);
    }
    if (stmt instanceof Stmt.DropIndex s) {
      return dropIndex(s);
    }
    if (stmt instanceof Stmt.Reindex s) {
      return reindex(s);
    }
    if (stmt instanceof Stmt.AlterTable s) {
      return alterTable(s);
    }
    if (stmt instanceof Stmt.DropTable s) {
      return dropTable(s);
    }
    if (stmt instanceof Stmt.Truncate s) {
      return truncate(s);
    }
    if (stmt instanceof Stmt.Vacuum s) {
      return vacuum(s);
    }
    if (stmt instanceof Stmt.Cluster s) {
      return new Builder("CLUSTER", s.table())
          .lock(relation(s.table()), AccessExclusiveLock)
          .work(TableWork.REWRITE)
          .transactional(s.table() != null)
          .build();
    }
    if (stmt instanceof Stmt.AddEnumValue s) {
      return new Builder("ALTER TYPE ADD VALUE", null)
          .transactional(version.atLeast(12) || state.typeCreatedHere(s.type()))
          .build();
    }
    if (stmt instanceof Stmt.RenameEnumValue s) {
      return new Builder("ALTER TYPE RENAME VALUE", null)
          .breaking(
              "running code that writes or compares the value '"
                  + s.from()
                  + "' fails or misses rows once it is renamed")
          .build();
    }
    if (stmt instanceof Stmt.CreateEnum s) {
      return new Builder("CREATE TYPE AS ENUM", null).build();
    }
    if (stmt instanceof Stmt.CreateDomain s) {
      return new Builder("CREATE DOMAIN", null).build();
    }
    if (stmt instanceof Stmt.AlterDomainAddConstraint s) {
      return alterDomain(s);
    }
    if (stmt instanceof Stmt.DropDatabase s) {
      return new Builder("DROP DATABASE", null).transactional(false).destroysData().build();
    }
    if (stmt instanceof Stmt.DropSchema s) {
      Builder b = new Builder("DROP SCHEMA", null);
      if (s.cascade()) {
        for (SchemaSnapshot.Table t : catalogTables()) {
          if (s.schemas().stream().anyMatch(x -> x.equalsIgnoreCase(t.schema()))) {
            b.lock(t.qualifiedName(), AccessExclusiveLock);
            b.destroysData();
          }
        }
      }
      return b.build();
    }
    if (stmt instanceof Stmt.RenameSchema s) {
      return new Builder("ALTER SCHEMA RENAME", null)
          .breaking("queries naming schema " + s.from() + " fail once it is renamed")
          .build();
    }
    if (stmt instanceof Stmt.Transaction s) {
      return new Builder(s.kind().name(), null).build();
    }
    if (stmt instanceof Stmt.SetTimeout s) {
      return new Builder("SET", null).build();
    }
    if (stmt instanceof Stmt.DataChange s) {
      return dataChange(s);
    }
    if (stmt instanceof Stmt.CreateTrigger s) {
      return new Builder("CREATE TRIGGER", s.table())
          .lock(relation(s.table()), ShareRowExclusiveLock)
          .build();
    }
    if (stmt instanceof Stmt.CommentOn s) {
      return commentOn(s);
    }
    if (stmt instanceof Stmt.RenameTable s) {
      return Classification.unknown("RENAME TABLE");
    }
    if (stmt instanceof Stmt.OptimizeTable s) {
      return Classification.unknown("OPTIMIZE TABLE");
    }
    if (stmt instanceof Stmt.Other s) {
      return Classification.unknown(s.keyword());
    }
    throw new IllegalStateException("unhandled statement " + stmt);
  }

  // ---------------------------------------------------------------------------------------------

  private Classification createTable(Stmt.CreateTable s) {
    Builder b = new Builder(s.asSelect() ? "CREATE TABLE AS" : "CREATE TABLE", s.table());
    if (s.partitionOf() != null) {
      b.lock(relation(s.partitionOf()), AccessExclusiveLock);
    }
    for (ColumnDef column : s.columns()) {
      if (column.references() != null && !state.createdHere(column.references())) {
        b.lock(relation(column.references()), ShareRowExclusiveLock);
      }
    }
    for (ConstraintDef constraint : s.constraints()) {
      if (constraint.kind() == ConstraintDef.Kind.FOREIGN_KEY
          && !state.createdHere(constraint.referencedTable())) {
        b.lock(relation(constraint.referencedTable()), ShareRowExclusiveLock);
      }
    }
    return b.known(!s.asSelect()).build();
  }

  private Classification createIndex(Stmt.CreateIndex s) {
    Builder b = new Builder("CREATE INDEX", s.table()).work(TableWork.SCAN);
    LockMode mode = s.concurrently() ? ShareUpdateExclusiveLock : ShareLock;
    b.lock(relation(s.table()), mode);
    if (!s.only()) {
      for (SchemaSnapshot.Table partition : partitions(s.table())) {
        b.lock(partition.qualifiedName(), mode);
      }
    }
    if (s.concurrently()) {
      b.transactional(false);
    }
    if (s.only()) {
      // ON ONLY a partitioned parent: an invalid index shell, no partition is read.
      b.noWork();
    }
    return b.build();
  }

  private Classification dropIndex(Stmt.DropIndex s) {
    Name index = s.indexes().get(0);
    Optional<SchemaSnapshot.Table> table = tableOfIndex(index);
    Name tableName = table.map(t -> new Name(t.schema(), t.name())).orElse(null);
    Builder b = new Builder("DROP INDEX", tableName);
    LockMode mode = s.concurrently() ? ShareUpdateExclusiveLock : AccessExclusiveLock;
    table.ifPresent(t -> b.lock(t.qualifiedName(), mode));
    b.lock(indexRelation(index, table), mode);
    if (s.concurrently()) {
      b.transactional(false);
    }
    return b.build();
  }

  private Classification reindex(Stmt.Reindex s) {
    Builder b = new Builder("REINDEX " + s.target(), null).work(TableWork.SCAN);
    LockMode tableMode = s.concurrently() ? ShareUpdateExclusiveLock : ShareLock;
    LockMode indexMode = s.concurrently() ? ShareUpdateExclusiveLock : AccessExclusiveLock;
    if (s.target().equals("INDEX") && s.name() != null) {
      Optional<SchemaSnapshot.Table> table = tableOfIndex(s.name());
      table.ifPresent(
          t -> {
            b.table(new Name(t.schema(), t.name()));
            b.lock(t.qualifiedName(), tableMode);
          });
      b.lock(indexRelation(s.name(), table), indexMode);
    } else if (s.target().equals("TABLE") && s.name() != null) {
      b.table(s.name());
      b.lock(relation(s.name()), tableMode);
      catalog
          .find(s.name())
          .ifPresent(
              t -> t.indexes().forEach(i -> b.lock(qualify(t.schema(), i.name()), indexMode)));
    } else {
      b.known(false);
    }
    if (s.concurrently()) {
      b.transactional(false);
    }
    if (s.target().equals("DATABASE") || s.target().equals("SYSTEM")) {
      b.transactional(false);
    }
    return b.build();
  }

  private Classification alterDomain(Stmt.AlterDomainAddConstraint s) {
    // Every column of the domain's type is checked, in every table that has one.
    Builder b = new Builder("ALTER DOMAIN ADD CONSTRAINT", null);
    if (!s.notValid()) {
      for (SchemaSnapshot.Table t : catalogTables()) {
        boolean uses =
            t.columns().stream()
                .anyMatch(
                    c ->
                        c.type().equalsIgnoreCase(s.domain().name())
                            || c.type()
                                .toLowerCase(java.util.Locale.ROOT)
                                .endsWith(
                                    "." + s.domain().name().toLowerCase(java.util.Locale.ROOT)));
        if (uses) {
          b.lock(t.qualifiedName(), ShareLock);
        }
      }
    }
    return b.build();
  }

  private Classification dropTable(Stmt.DropTable s) {
    Builder b = new Builder("DROP TABLE", s.tables().isEmpty() ? null : s.tables().get(0));
    for (Name table : s.tables()) {
      b.lock(relation(table), AccessExclusiveLock);
      catalog
          .find(table)
          .ifPresent(
              t -> {
                for (SchemaSnapshot.ForeignKey fk : t.foreignKeys()) {
                  if (!fk.referencedTable().equalsIgnoreCase(t.qualifiedName())) {
                    b.lock(fk.referencedTable(), AccessExclusiveLock);
                  }
                }
              });
    }
    boolean allNew = s.tables().stream().allMatch(state::createdHere);
    if (!allNew) {
      b.destroysData();
      b.breaking("queries on the dropped table fail in every running version that uses it");
    }
    return b.build();
  }

  private Classification truncate(Stmt.Truncate s) {
    Builder b = new Builder("TRUNCATE", s.tables().isEmpty() ? null : s.tables().get(0));
    for (Name table : s.tables()) {
      b.lock(relation(table), AccessExclusiveLock);
    }
    b.truncates();
    if (!s.tables().stream().allMatch(state::createdHere)) {
      b.destroysData();
    }
    return b.build();
  }

  private Classification vacuum(Stmt.Vacuum s) {
    if (!s.full()) {
      Builder b = new Builder("VACUUM", s.tables().isEmpty() ? null : s.tables().get(0));
      s.tables().forEach(t -> b.lock(relation(t), ShareUpdateExclusiveLock));
      return b.transactional(false).build();
    }
    Builder b = new Builder("VACUUM FULL", s.tables().isEmpty() ? null : s.tables().get(0));
    s.tables().forEach(t -> b.lock(relation(t), AccessExclusiveLock));
    return b.work(TableWork.REWRITE).transactional(false).known(!s.tables().isEmpty()).build();
  }

  private Classification dataChange(Stmt.DataChange s) {
    Builder b = new Builder(s.kind().name(), s.table()).lock(relation(s.table()), RowExclusiveLock);
    if (!s.hasWhere() && s.kind() != Stmt.DataChange.Kind.INSERT) {
      b.work(TableWork.SCAN);
      if (s.kind() == Stmt.DataChange.Kind.DELETE && !state.createdHere(s.table())) {
        b.destroysData();
      }
    }
    return b.build();
  }

  private Classification commentOn(Stmt.CommentOn s) {
    if (s.objectType().equals("TABLE") || s.objectType().equals("COLUMN")) {
      Name table =
          s.objectType().equals("COLUMN") && s.object().schema() != null
              ? new Name(null, s.object().schema())
              : s.object();
      return new Builder("COMMENT ON " + s.objectType(), table)
          .lock(relation(table), ShareUpdateExclusiveLock)
          .build();
    }
    return new Builder("COMMENT ON " + s.objectType(), null).build();
  }

  // ---------------------------------------------------------------------------------------------
  // ALTER TABLE: the strongest lock and the heaviest work of its actions

  private Classification alterTable(Stmt.AlterTable s) {
    Builder b = new Builder("ALTER TABLE", s.table());
    String main = relation(s.table());
    boolean newTable = state.createdHere(s.table());
    Optional<SchemaSnapshot.Table> table = catalog.find(s.table());
    List<String> operations = new ArrayList<>();
    for (AlterAction action : s.actions()) {
      if (action instanceof AlterAction.AddColumn a) {
        operations.add("ADD COLUMN");
        b.lock(main, AccessExclusiveLock);
        ColumnDef col = a.column();
        if (addColumnRewrites(col)) {
          b.work(TableWork.REWRITE);
        } else if (col.notNull() && col.defaultExpression() == null && !col.counterFilled()) {
          // Every existing row would violate NOT NULL: PostgreSQL checks by reading them.
          b.work(TableWork.SCAN);
        }
        if (col.check() != null && !Expressions.nullDefault(col.defaultExpression())) {
          b.work(TableWork.SCAN);
        }
        if (col.references() != null) {
          b.lock(relation(col.references()), ShareRowExclusiveLock);
        }
        if (col.primaryKey() || col.unique()) {
          b.work(TableWork.SCAN);
        }
      } else if (action instanceof AlterAction.DropColumn a) {
        operations.add("DROP COLUMN");
        b.lock(main, AccessExclusiveLock);
        if (!newTable) {
          b.destroysData();
          b.breaking(
              "running versions that read or write column " + a.column() + " fail once it is gone");
        }
      } else if (action instanceof AlterAction.AlterColumnType a) {
        operations.add("ALTER COLUMN TYPE");
        b.lock(main, AccessExclusiveLock);
        TypeName from = columnType(table, a.column());
        TypeChanges.Outcome outcome =
            a.using() != null && !a.using().isBlank()
                ? TypeChanges.Outcome.REWRITE
                : TypeChanges.postgres(from, a.type());
        if (outcome != TypeChanges.Outcome.NO_REWRITE) {
          b.work(TableWork.REWRITE);
        }
        if (!newTable && TypeChanges.narrows(from, a.type())) {
          b.breaking(
              "values running versions write to "
                  + a.column()
                  + " may no longer fit "
                  + a.type().text());
        }
      } else if (action instanceof AlterAction.SetNotNull a) {
        operations.add("SET NOT NULL");
        b.lock(main, AccessExclusiveLock);
        boolean proven =
            version.atLeast(12) && state.hasValidatedNotNullCheck(s.table(), a.column());
        if (!proven && !newTable) {
          b.work(TableWork.SCAN);
        }
        if (!newTable) {
          b.breaking("running versions that insert rows without " + a.column() + " start failing");
        }
      } else if (action instanceof AlterAction.DropNotNull a) {
        operations.add("DROP NOT NULL");
        b.lock(main, AccessExclusiveLock);
      } else if (action instanceof AlterAction.SetDefault a) {
        operations.add("SET DEFAULT");
        b.lock(main, AccessExclusiveLock);
      } else if (action instanceof AlterAction.DropDefault a) {
        operations.add("DROP DEFAULT");
        b.lock(main, AccessExclusiveLock);
      } else if (action instanceof AlterAction.AddIdentity a) {
        operations.add("ADD IDENTITY");
        b.lock(main, AccessExclusiveLock);
      } else if (action instanceof AlterAction.DropExpression a) {
        operations.add("DROP EXPRESSION");
        b.lock(main, AccessExclusiveLock);
      } else if (action instanceof AlterAction.SetExpression a) {
        operations.add("SET EXPRESSION");
        b.lock(main, AccessExclusiveLock);
        b.work(TableWork.REWRITE);
      } else if (action instanceof AlterAction.AddConstraint a) {
        operations.add("ADD " + a.constraint().kind().name().replace('_', ' '));
        addConstraint(b, main, a.constraint(), table);
      } else if (action instanceof AlterAction.ValidateConstraint a) {
        operations.add("VALIDATE CONSTRAINT");
        b.lock(main, ShareUpdateExclusiveLock);
        b.work(TableWork.SCAN);
        Optional<String> referenced =
            table
                .flatMap(
                    t ->
                        t.foreignKeys().stream()
                            .filter(fk -> fk.name() != null && fk.name().equalsIgnoreCase(a.name()))
                            .findFirst())
                .map(SchemaSnapshot.ForeignKey::referencedTable);
        if (referenced.isEmpty()) {
          referenced = state.foreignKeyTarget(a.name()).map(this::relation);
        }
        referenced.ifPresent(r -> b.lock(r, RowShareLock));
      } else if (action instanceof AlterAction.DropConstraint a) {
        operations.add("DROP CONSTRAINT");
        b.lock(main, AccessExclusiveLock);
        table
            .flatMap(
                t ->
                    t.foreignKeys().stream()
                        .filter(fk -> fk.name() != null && fk.name().equalsIgnoreCase(a.name()))
                        .findFirst())
            .ifPresent(fk -> b.lock(fk.referencedTable(), ShareRowExclusiveLock));
      } else if (action instanceof AlterAction.DropIndex a) {
        operations.add("DROP INDEX");
        b.lock(main, AccessExclusiveLock);
      } else if (action instanceof AlterAction.RenameColumn a) {
        operations.add("RENAME COLUMN");
        b.lock(main, AccessExclusiveLock);
        if (!newTable) {
          b.breaking("running versions that use column " + a.from() + " fail once it is renamed");
        }
      } else if (action instanceof AlterAction.RenameTable a) {
        operations.add("RENAME TO");
        b.lock(main, AccessExclusiveLock);
        if (!newTable) {
          b.breaking(
              "running versions that use table " + s.table().name() + " fail once it is renamed");
        }
      } else if (action instanceof AlterAction.RenameConstraint a) {
        operations.add("RENAME CONSTRAINT");
        b.lock(main, AccessExclusiveLock);
      } else if (action instanceof AlterAction.SetSchema a) {
        operations.add("SET SCHEMA");
        b.lock(main, AccessExclusiveLock);
        if (!newTable) {
          b.breaking("queries naming the table in its old schema fail");
        }
      } else if (action instanceof AlterAction.AttachPartition a) {
        operations.add("ATTACH PARTITION");
        b.lock(main, version.atLeast(12) ? ShareUpdateExclusiveLock : AccessExclusiveLock);
        b.lock(relation(a.partition()), AccessExclusiveLock);
        // The rows read are the partition's; a valid CHECK on it proves the bound without a scan.
        b.table(a.partition());
        if (!state.hasValidatedCheck(a.partition()) && !state.createdHere(a.partition())) {
          b.work(TableWork.SCAN);
        }
      } else if (action instanceof AlterAction.DetachPartition a) {
        operations.add("DETACH PARTITION");
        LockMode mode =
            a.concurrently() && version.atLeast(14)
                ? ShareUpdateExclusiveLock
                : AccessExclusiveLock;
        b.lock(main, mode);
        b.lock(relation(a.partition()), mode);
        if (a.concurrently()) {
          b.transactional(false);
        }
      } else if (action instanceof AlterAction.SetTablespace a) {
        operations.add("SET TABLESPACE");
        b.lock(main, AccessExclusiveLock);
        b.work(TableWork.REWRITE);
      } else if (action instanceof AlterAction.SetLogged a) {
        operations.add(a.logged() ? "SET LOGGED" : "SET UNLOGGED");
        b.lock(main, AccessExclusiveLock);
        b.work(TableWork.REWRITE);
      } else if (action instanceof AlterAction.SetStorageParameters a) {
        operations.add("SET (storage parameters)");
        b.lock(main, ShareUpdateExclusiveLock);
      } else if (action instanceof AlterAction.EnableDisableTrigger a) {
        operations.add("ENABLE/DISABLE TRIGGER");
        b.lock(main, ShareRowExclusiveLock);
      } else if (action instanceof AlterAction.OwnerTo a) {
        operations.add("OWNER TO");
        b.lock(main, AccessExclusiveLock);
      } else if (action instanceof AlterAction.ConvertCharset a) {
        b.known(false);
      } else if (action instanceof AlterAction.Rebuild a) {
        b.known(false);
      } else if (action instanceof AlterAction.Other a) {
        operations.add(a.text());
        // Unknown actions: ALTER TABLE's default lock, nothing claimed about the rows.
        b.lock(main, AccessExclusiveLock);
        b.known(false);
      }
    }
    b.operation("ALTER TABLE " + String.join(", ", operations));
    return b.build();
  }

  private boolean addColumnRewrites(ColumnDef col) {
    if (col.generatedStored() || col.counterFilled()) {
      return true;
    }
    if (Expressions.nullDefault(col.defaultExpression())) {
      return false;
    }
    return Expressions.volatileDefault(col.defaultExpression()) || !version.atLeast(11);
  }

  private void addConstraint(
      Builder b, String main, ConstraintDef c, Optional<SchemaSnapshot.Table> table) {
    switch (c.kind()) {
      case CHECK -> {
        b.lock(main, AccessExclusiveLock);
        if (!c.notValid()) {
          b.work(TableWork.SCAN);
        }
      }
      case FOREIGN_KEY -> {
        b.lock(main, ShareRowExclusiveLock);
        if (c.referencedTable() != null) {
          b.lock(relation(c.referencedTable()), ShareRowExclusiveLock);
        }
        if (!c.notValid()) {
          b.work(TableWork.SCAN);
        }
      }
      case UNIQUE, PRIMARY_KEY -> {
        b.lock(main, AccessExclusiveLock);
        if (c.usingIndex() != null) {
          if (c.kind() == ConstraintDef.Kind.PRIMARY_KEY) {
            // The index's columns must become NOT NULL; nullable ones are checked by a scan.
            List<String> columns =
                table
                    .flatMap(
                        t ->
                            t.indexes().stream()
                                .filter(i -> i.name().equalsIgnoreCase(c.usingIndex()))
                                .findFirst())
                    .map(SchemaSnapshot.Index::columns)
                    .orElse(List.of());
            boolean nullable =
                table.isEmpty()
                    || columns.isEmpty()
                    || columns.stream()
                        .anyMatch(
                            col ->
                                table.get().columns().stream()
                                    .anyMatch(x -> x.name().equalsIgnoreCase(col) && x.nullable()));
            if (nullable) {
              b.work(TableWork.SCAN);
            }
          }
          b.lock(
              qualify(table.map(SchemaSnapshot.Table::schema).orElse(null), c.usingIndex()),
              // The index itself needs only SHARE UPDATE EXCLUSIVE (seen on PostgreSQL 15, 17).
              ShareUpdateExclusiveLock);
        } else {
          b.work(TableWork.SCAN);
        }
      }
      case EXCLUDE -> {
        b.lock(main, AccessExclusiveLock);
        b.work(TableWork.SCAN);
      }
      case INDEX -> b.known(false);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private TypeName columnType(Optional<SchemaSnapshot.Table> table, String column) {
    return table
        .flatMap(
            t -> t.columns().stream().filter(c -> c.name().equalsIgnoreCase(column)).findFirst())
        .map(c -> StatementParser.parseType(c.type(), false))
        .orElse(null);
  }

  private List<SchemaSnapshot.Table> partitions(Name parent) {
    Optional<SchemaSnapshot.Table> table = catalog.find(parent);
    if (table.isEmpty() || table.get().partitionKey() == null) {
      return List.of();
    }
    String qualified = table.get().qualifiedName();
    List<SchemaSnapshot.Table> out = new ArrayList<>();
    catalogTables()
        .forEach(
            t -> {
              if (qualified.equalsIgnoreCase(t.partitionOf())) {
                out.add(t);
              }
            });
    return out;
  }

  private List<SchemaSnapshot.Table> catalogTables() {
    return catalog.tables();
  }

  private Optional<SchemaSnapshot.Table> tableOfIndex(Name index) {
    for (SchemaSnapshot.Table t : catalogTables()) {
      if (index.schema() != null && !index.schema().equalsIgnoreCase(t.schema())) {
        continue;
      }
      for (SchemaSnapshot.Index i : t.indexes()) {
        if (i.name().equalsIgnoreCase(index.name())) {
          return Optional.of(t);
        }
      }
    }
    return Optional.empty();
  }

  private String indexRelation(Name index, Optional<SchemaSnapshot.Table> table) {
    if (index.schema() != null) {
      return index.qualified();
    }
    return qualify(table.map(SchemaSnapshot.Table::schema).orElse(null), index.name());
  }

  /** A relation's name for lock reports: schema-qualified when the catalog knows it. */
  private String relation(Name name) {
    if (name == null) {
      return "?";
    }
    if (name.schema() != null) {
      return name.qualified();
    }
    return catalog.find(name).map(SchemaSnapshot.Table::qualifiedName).orElse(name.name());
  }

  private static String qualify(String schema, String name) {
    return schema == null ? name : schema + "." + name;
  }

  /** Collects one classification; the strongest lock per relation wins. */
  static final class Builder {
    private String operation;
    private Name table;
    private final Map<String, LockMode> locks = new LinkedHashMap<>();
    private TableWork work = TableWork.NONE;
    private boolean truncates;
    private boolean transactional = true;
    private String breaking;
    private boolean destroysData;
    private boolean known = true;

    Builder(String operation, Name table) {
      this.operation = operation;
      this.table = table;
    }

    Builder operation(String value) {
      operation = value;
      return this;
    }

    Builder table(Name value) {
      table = value;
      return this;
    }

    Builder lock(String relation, LockMode mode) {
      locks.merge(relation, mode, (a, b) -> a.compareTo(b) >= 0 ? a : b);
      return this;
    }

    /** The heavier of the work so far and {@code value}. */
    Builder work(TableWork value) {
      if (value.compareTo(work) > 0) {
        work = value;
      }
      return this;
    }

    Builder noWork() {
      work = TableWork.NONE;
      return this;
    }

    Builder truncates() {
      truncates = true;
      return this;
    }

    Builder transactional(boolean value) {
      transactional = value;
      return this;
    }

    Builder breaking(String why) {
      breaking = breaking == null ? why : breaking;
      return this;
    }

    Builder destroysData() {
      destroysData = true;
      return this;
    }

    Builder known(boolean value) {
      known = known && value;
      return this;
    }

    Classification build() {
      List<TableLock> list = new ArrayList<>();
      locks.forEach((relation, mode) -> list.add(new TableLock(relation, mode)));
      return new Classification(
          operation,
          table,
          list,
          work,
          truncates,
          transactional,
          null,
          null,
          breaking,
          destroysData,
          known);
    }
  }
}
