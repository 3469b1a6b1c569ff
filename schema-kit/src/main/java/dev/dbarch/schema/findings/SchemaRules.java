package dev.dbarch.schema.findings;

import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Index;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The registry of schema rules ({@link #ALL}, one {@link SchemaRule} per id, documented in {@code
 * docs/rules/schema.md}) and the one entry point consumers call. The rules work the same on a
 * snapshot read from a live catalog and on one parsed from a DDL script; rules that need live
 * statistics (index scans, bloat, key values) stay silent when the snapshot does not have them.
 *
 * <p>Findings come out sorted by rule id, then table, then object: the same snapshot always gives
 * the same list.
 */
public final class SchemaRules {

  public static final String FK_WITHOUT_INDEX = "SCH-FK-001";
  public static final String ID_COLUMN_WITHOUT_FK = "SCH-FK-002";
  public static final String FK_TYPE_MISMATCH = "SCH-FK-003";
  public static final String UNVALIDATED_CONSTRAINT = "SCH-CON-001";
  public static final String NO_PRIMARY_KEY = "SCH-PK-001";
  public static final String CDC_CANNOT_KEY = "SCH-PK-002";
  public static final String GOD_TABLE = "SCH-GOD-001";
  public static final String DUPLICATE_INDEX = "SCH-IDX-001";
  public static final String REDUNDANT_INDEX = "SCH-IDX-002";
  public static final String UNUSED_INDEX = "SCH-IDX-003";
  public static final String INVALID_INDEX = "SCH-IDX-004";
  public static final String NULLABLE_UNIQUE = "SCH-NUL-001";
  public static final String TOO_MANY_LOBS = "SCH-LOB-001";
  public static final String SEQUENCE_EXHAUSTION = "SCH-SEQ-001";
  public static final String INTEGER_KEY_OVERFLOW = "SCH-SEQ-002";
  public static final String REGULATED_DATA = "SCH-PII-001";
  public static final String JSON_TYPE = "SCH-TYP-001";
  public static final String TIMESTAMP_WITHOUT_TIME_ZONE = "SCH-TYP-002";
  public static final String MONEY_OR_CHAR = "SCH-TYP-003";
  public static final String TABLE_BLOAT = "SCH-BLT-001";
  public static final String INDEX_BLOAT = "SCH-BLT-002";

  /** SCH-SEQ-001 and SCH-SEQ-002 fire above this share of a range used (the default). */
  public static final double SEQUENCE_USED_SHARE = RuleSettings.DEFAULTS.usedShare();

  /** Every rule, by id. */
  public static final List<SchemaRule> ALL =
      List.<SchemaRule>of(
              new ForeignKeyWithoutIndex(),
              new IdColumnWithoutForeignKey(),
              new ForeignKeyTypeMismatch(),
              new UnvalidatedConstraint(),
              new TableWithoutPrimaryKey(),
              new RowsCdcCannotKey(),
              new GodTable(),
              new DuplicateIndex(),
              new RedundantIndex(),
              new UnusedIndex(),
              new InvalidIndex(),
              new NullableUniqueKey(),
              new TooManyLargeObjects(),
              new SequenceNearExhaustion(),
              new IntegerKeyNearOverflow(),
              new RegulatedData(),
              new JsonColumn(),
              new TimestampWithoutTimeZone(),
              new MoneyOrFixedCharColumn(),
              new Bloat.TableBloat(),
              new Bloat.IndexBloat())
          .stream()
          .sorted(Comparator.comparing(SchemaRule::id))
          .toList();

  /**
   * From this many tables the rules run in parallel. Below it they take about a tenth of a second
   * or less on one core (the bench's 1,000 tables), so they stay on the caller's thread.
   */
  static final int PARALLEL_FROM_TABLES = 1_000;

  private static final Comparator<SchemaFinding> ORDER =
      Comparator.comparing(SchemaFinding::ruleId)
          .thenComparing(SchemaFinding::table, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(SchemaFinding::object, Comparator.nullsFirst(Comparator.naturalOrder()));

  private SchemaRules() {}

  /** Runs every rule over the snapshot with the default thresholds. */
  public static List<SchemaFinding> analyze(SchemaSnapshot snapshot) {
    return analyze(snapshot, RuleSettings.DEFAULTS);
  }

  /** Runs every rule over the snapshot. */
  public static List<SchemaFinding> analyze(SchemaSnapshot snapshot, RuleSettings settings) {
    return analyze(snapshot, settings, snapshot.tables().size() >= PARALLEL_FROM_TABLES);
  }

  /**
   * The rules share nothing mutable (the context is built before them and only read), so a large
   * snapshot spreads them over the cores; the stable sort of the rules' findings, taken in the
   * rules' order, makes the result the same either way.
   */
  static List<SchemaFinding> analyze(
      SchemaSnapshot snapshot, RuleSettings settings, boolean parallel) {
    RuleContext context = RuleContext.of(snapshot, settings);
    Stream<SchemaRule> rules = parallel ? ALL.parallelStream() : ALL.stream();
    return rules
        .map(rule -> rule.evaluate(snapshot, context))
        .flatMap(List::stream)
        .sorted(ORDER)
        .toList();
  }

  /** The rule with this id. */
  public static Optional<SchemaRule> rule(String id) {
    return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** Whether the index serves lookups by the foreign key's columns (see SCH-FK-001). */
  static boolean supports(Index index, ForeignKey fk) {
    return IndexKeys.supports(index, fk);
  }

  /** The key parts of an index's definition, without sort order. */
  static Optional<String> keyPartsOf(Index i) {
    return IndexKeys.keyPartsOf(i);
  }
}
