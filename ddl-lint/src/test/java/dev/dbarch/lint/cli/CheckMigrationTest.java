package dev.dbarch.lint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command {@code ./dbarch check-migration} runs, on sample migrations: exit codes by severity
 * threshold, the formats, suppressions, bad usage; once as a separate JVM the way the script starts
 * it.
 */
class CheckMigrationTest {

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  Path sample(String name) throws IOException {
    Path file = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/samples/" + name)) {
      Files.write(file, in.readAllBytes());
    }
    return file;
  }

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        CheckMigration.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            null);
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void riskyMigrationFailsAtTheChosenSeverity() throws IOException {
    String file = sample("risky.sql").toString();
    Run atHigh = run(file);
    assertThat(atHigh.exit()).isEqualTo(CheckMigration.OK);
    assertThat(atHigh.out())
        .contains("risky.sql:2: MEDIUM MIG-DDL-IDX-001 Index built without CONCURRENTLY")
        .contains("risky.sql:4: MEDIUM MIG-DDL-CON-002")
        .contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx")
        .contains("2 statements, 2 findings (0 high, 2 medium, 0 low)");
    assertThat(run(file, "--fail-on", "medium").exit()).isEqualTo(CheckMigration.FINDINGS);
    assertThat(run(file, "--fail-on", "low").exit()).isEqualTo(CheckMigration.FINDINGS);
  }

  @Test
  void theSafeFormPasses() throws IOException {
    Run safe = run(sample("safe.sql").toString(), "--fail-on", "low");
    assertThat(safe.exit()).isEqualTo(CheckMigration.OK);
    assertThat(safe.out()).contains("4 statements, 0 findings");
  }

  @Test
  void suppressedFindingsAreReportedAndDoNotFail() throws IOException {
    Run r = run(sample("suppressed.sql").toString(), "--format", "json");
    assertThat(r.exit()).isEqualTo(CheckMigration.OK);
    JsonNode json = Json.fromJson(r.out(), JsonNode.class);
    assertThat(json.path("summary").path("suppressed").asInt()).isEqualTo(1);
    JsonNode drop = json.path("statements").get(0).path("findings").get(0);
    assertThat(drop.path("ruleId").asText()).isEqualTo("MIG-DDL-TBL-002");
    assertThat(drop.path("severity").asText()).isEqualTo("HIGH");
    assertThat(drop.path("suppressed").asBoolean()).isTrue();
    assertThat(drop.path("suppressionReason").asText())
        .isEqualTo("the table was emptied and archived in release 41");
    assertThat(json.path("invalidSuppressions").get(0).asText()).contains("no reason");
    assertThat(run(sample("suppressed.sql").toString(), "--fail-on", "medium").exit())
        .isEqualTo(CheckMigration.FINDINGS);
  }

  @Test
  void versionAndDialectAreFollowed() throws IOException {
    Path file = dir.resolve("reindex.sql");
    Files.writeString(file, "REINDEX INDEX CONCURRENTLY orders_pkey;\n");
    assertThat(run(file.toString(), "--server-version", "11").out()).contains("MIG-DDL-VER-001");
    assertThat(run(file.toString(), "--server-version", "12").out())
        .doesNotContain("MIG-DDL-VER-001");
    Path mysql = dir.resolve("mysql.sql");
    Files.writeString(mysql, "ALTER TABLE orders MODIFY total bigint;\n");
    Run my = run(mysql.toString(), "--dialect", "mariadb", "--format", "markdown");
    assertThat(my.out()).contains("MIG-DDL-MY-001").contains("gh-ost").contains("ALGORITHM=COPY");
  }

  @Test
  void badUsageExitsWithTwoAndSaysWhy() throws IOException {
    assertThat(run().exit()).isEqualTo(CheckMigration.USAGE);
    Run unknown = run(sample("risky.sql").toString(), "--fail-on", "critical");
    assertThat(unknown.exit()).isEqualTo(CheckMigration.USAGE);
    assertThat(unknown.err()).contains("unknown severity 'critical'");
    assertThat(run(dir.resolve("missing.sql").toString()).exit()).isEqualTo(CheckMigration.USAGE);
    assertThat(run("x.sql", "--dialect", "oracle").err()).contains("unknown dialect 'oracle'");
    assertThat(run("x.sql", "--system", "Bad Id").err()).contains("--system");
  }

  @Test
  void aSystemCheckWithoutARunningIntakeSaysSo() throws IOException {
    Run r =
        run(sample("risky.sql").toString(), "--system", "shop", "--intake", "http://127.0.0.1:9");
    assertThat(r.exit()).isEqualTo(CheckMigration.UNAVAILABLE);
    assertThat(r.err()).contains("cannot reach the intake service");
  }

  @Test
  void asItsOwnProcessTheExitCodeReachesTheShell() throws Exception {
    String file = sample("risky.sql").toString();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CheckMigration.class.getName());
    command.add(file);
    command.add("--fail-on");
    command.add("medium");
    command.add("--format");
    command.add("sarif");
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(CheckMigration.FINDINGS);
    assertThat(Json.fromJson(out, JsonNode.class).path("version").asText()).isEqualTo("2.1.0");
  }
}
