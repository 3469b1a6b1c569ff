package dev.dbarch.schema.findings;

import static dev.dbarch.schema.findings.TableBuilder.postgres;
import static dev.dbarch.schema.findings.TableBuilder.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A snapshot large enough for the rules to run in parallel gets the sequential run's findings. */
class ParallelRulesTest {

  @Test
  void aLargeSnapshotGetsTheSameFindingsInTheSameOrderAsOneRuleAfterAnother() {
    List<TableBuilder> tables = new ArrayList<>();
    for (int i = 1; i <= SchemaRules.PARALLEL_FROM_TABLES + 200; i++) {
      TableBuilder t =
          table("s" + i % 4, "t" + i)
              .id()
              .col("customer_id", "bigint")
              .col("email", "text")
              .col("payload", i % 3 == 0 ? "json" : "jsonb")
              .col("created_at", i % 2 == 0 ? "timestamp without time zone" : "timestamptz");
      if (i > 1) {
        t.col("parent_id", "bigint")
            .fk("t" + i + "_parent_fk", "parent_id", "s" + (i - 1) % 4 + ".t" + (i - 1));
      }
      if (i % 5 == 0) {
        t.index("t" + i + "_email_idx", "email").index("t" + i + "_email_idx2", "email");
      }
      tables.add(t);
    }
    SchemaSnapshot snapshot = postgres(tables.toArray(TableBuilder[]::new));

    List<SchemaFinding> sequential = SchemaRules.analyze(snapshot, RuleSettings.DEFAULTS, false);
    List<SchemaFinding> parallel = SchemaRules.analyze(snapshot);

    assertThat(sequential).hasSizeGreaterThan(2 * tables.size());
    assertThat(sequential.stream().map(SchemaFinding::ruleId).distinct())
        .contains(
            SchemaRules.FK_WITHOUT_INDEX,
            SchemaRules.DUPLICATE_INDEX,
            SchemaRules.JSON_TYPE,
            SchemaRules.TIMESTAMP_WITHOUT_TIME_ZONE);
    assertThat(Json.toJson(parallel)).isEqualTo(Json.toJson(sequential));
  }
}
