package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaFinding.Severity;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * SCH-PK-002: a PostgreSQL table whose updates and deletes logical replication cannot key: replica
 * identity {@code nothing}, or {@code default} without a primary key. Once such a table is in a
 * publication that publishes updates or deletes, PostgreSQL refuses its UPDATE and DELETE
 * statements; change data capture (Debezium) sees no key for them. {@code REPLICA IDENTITY FULL}
 * (or {@code USING INDEX}) keys the rows without a primary key. A family (partitions, inheritance
 * children: each has its own replica identity) is reported once, on its top table.
 */
final class RowsCdcCannotKey implements SchemaRule {

  @Override
  public String id() {
    return "SCH-PK-002";
  }

  @Override
  public String title() {
    return "Table change data capture cannot key";
  }

  @Override
  public String rationale() {
    return "With neither a primary key nor a replica identity, logical replication cannot say"
        + " which row an update or delete touched; in a publication those statements fail.";
  }

  /** Replica identity nothing, or default (the primary key) without a primary key. */
  private static boolean keyless(Table t) {
    String identity = t.replicaIdentity();
    return identity != null
        && (identity.equals("nothing") || identity.equals("default") && t.primaryKey().isEmpty());
  }

  @Override
  public List<SchemaFinding> evaluate(SchemaSnapshot snapshot, RuleContext ctx) {
    List<SchemaFinding> out = new ArrayList<>();
    if (!ctx.postgres()) {
      return out;
    }
    for (Table t : snapshot.tables()) {
      if (t.replicaIdentity() == null || ctx.isChild(t)) {
        continue;
      }
      List<Table> family = new ArrayList<>();
      family.add(t);
      family.addAll(ctx.descendants(t));
      List<Table> keyless = family.stream().filter(RowsCdcCannotKey::keyless).toList();
      if (keyless.isEmpty()) {
        continue;
      }
      List<String> fixes = keyless.stream().map(k -> ctx.fixes().replicaIdentityFull(k)).toList();
      String members = String.join(", ", keyless.stream().map(Table::qualifiedName).toList());
      out.add(
          new SchemaFinding(
              id(),
              Severity.MEDIUM,
              t.qualifiedName(),
              null,
              "Logical replication and change data capture cannot identify updated or deleted rows of %s (replica identity %s and no primary key, or nothing): in a publication their UPDATE and DELETE fail."
                  .formatted(members, t.replicaIdentity()),
              String.join(" ", fixes)
                  + " -- or add a primary key (SCH-PK-001), which keys rows with less WAL",
              Facts.of(
                  "replicaIdentity",
                  t.replicaIdentity(),
                  "primaryKey",
                  t.primaryKey().isEmpty() ? "none" : String.join(",", t.primaryKey()),
                  "tablesWithoutKey",
                  members)));
    }
    return out;
  }
}
