package dev.dbarch.lint.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The rule corpus on a real PostgreSQL 17 (zonky embedded): each risky statement and its safe twin
 * run against the base schema, and what PostgreSQL did (locks, rewrite, scan, failure) must equal
 * the linter's classification; every SQL rewrite the linter proposes runs without error.
 */
class PostgresCorpusTest {

  static EmbeddedPostgres server;
  static PostgresHarness harness;
  static CorpusVerifier verifier;

  @BeforeAll
  static void start() throws Exception {
    server = EmbeddedPostgres.builder().start();
    harness =
        new PostgresHarness(
            database -> server.getDatabase("postgres", database).getConnection(),
            "lint17_" + UUID.randomUUID().toString().substring(0, 8));
    verifier = new CorpusVerifier(harness);
  }

  @AfterAll
  static void stop() throws Exception {
    System.out.printf(
        "PostgreSQL 17 corpus: %d cases, %d statements verified, %d rewrites executed, %d"
            + " advice-only rewrites%n",
        Corpus.postgres().size(),
        verifier.statements.get(),
        verifier.rewrites.get(),
        verifier.adviceOnly.get());
    harness.close();
    server.close();
  }

  @Test
  void theCorpusHasFortyPairsAtLeast() {
    assertThat(Corpus.postgres()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(Corpus.postgres().stream().map(Corpus.Case::id).distinct().count())
        .isEqualTo(Corpus.postgres().size());
  }

  @TestFactory
  Stream<DynamicTest> eachStatementDoesWhatTheLinterSays() {
    return java.util.stream.Stream.concat(
            Corpus.postgres().stream(), Corpus.postgres17Only().stream())
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
