package dev.dbarch.lint.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The same corpus on the machine's PostgreSQL 15 (127.0.0.1:5432, user postgres): the linter reads
 * the server's version from the live catalog and must still say what PostgreSQL does, including
 * where 15 differs from 17. Skipped, with a message, when that server is not reachable. Its
 * databases are named {@code lint15_<random>_*} and dropped afterwards.
 */
class Postgres15CorpusTest {

  static PostgresHarness harness;
  static CorpusVerifier verifier;

  @BeforeAll
  static void connect() throws Exception {
    PostgresHarness.Server server = PostgresHarness.jdbc("127.0.0.1", 5432, "postgres");
    String version;
    try (Connection c = server.connect("postgres")) {
      version = c.getMetaData().getDatabaseProductVersion();
    } catch (SQLException e) {
      Assumptions.abort(
          "PostgreSQL on 127.0.0.1:5432 (user postgres, trust) is not reachable: "
              + e.getMessage());
      return;
    }
    Assumptions.assumeTrue(
        version.startsWith("15"), "the server on 127.0.0.1:5432 is " + version + ", not 15");
    harness = new PostgresHarness(server, "lint15_" + UUID.randomUUID().toString().substring(0, 8));
    verifier = new CorpusVerifier(harness);
  }

  @AfterAll
  static void close() {
    if (harness != null) {
      System.out.printf(
          "PostgreSQL 15 corpus: %d statements verified, %d rewrites executed%n",
          verifier.statements.get(), verifier.rewrites.get());
      harness.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> eachStatementDoesWhatTheLinterSaysOn15() {
    return Stream.concat(Corpus.postgres().stream(), Corpus.postgres15Only().stream())
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.id(),
                    () -> {
                      List<String> problems = verifier.verify(c);
                      assertThat(problems).as(c.id()).isEmpty();
                    }));
  }
}
