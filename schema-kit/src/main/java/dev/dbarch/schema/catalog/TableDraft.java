package dev.dbarch.schema.catalog;

import dev.dbarch.contracts.schema.SchemaSnapshot.Column;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.contracts.schema.SchemaSnapshot.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;

/** A table being assembled from several catalog queries, by either reader. */
final class TableDraft {
  String schema;
  String name;
  long rowEstimate;
  long sizeBytes;

  /** MySQL/MariaDB only: the next AUTO_INCREMENT value. */
  long autoIncrement;

  String partitionOf;
  String partitionKey;
  List<String> inherits = List.of();
  String replicaIdentity;
  final List<String> notValidConstraints = new ArrayList<>();
  Long bloatBytes;

  /**
   * PostgreSQL: the heap and TOAST pages {@code sizeBytes} counted from the statistics, when it was
   * counted rather than measured; {@code null} once measured.
   */
  Long countedTableBytes;

  final List<Column> columns = new ArrayList<>();
  List<String> primaryKey = List.of();
  final List<UniqueConstraint> uniqueConstraints = new ArrayList<>();
  final List<ForeignKey> foreignKeys = new ArrayList<>();
  final List<Index> indexes = new ArrayList<>();

  Table build() {
    return new Table(
        schema,
        name,
        columns,
        primaryKey,
        uniqueConstraints,
        foreignKeys,
        indexes,
        rowEstimate,
        sizeBytes,
        partitionOf,
        partitionKey,
        inherits,
        replicaIdentity,
        notValidConstraints,
        bloatBytes);
  }
}
