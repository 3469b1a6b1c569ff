package dev.dbarch.schema.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.requirements.SchemaSource.Dialect;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

  private static List<String> sqls(String script, Dialect dialect) {
    return SqlScript.split(script, dialect).stream().map(SqlScript.Statement::sql).toList();
  }

  @Test
  void semicolonsInsideStringsCommentsAndIdentifiersDoNotEndAStatement() {
    String script =
        """
        -- a comment; with a semicolon
        INSERT INTO t VALUES ('a;b', 'it''s; fine', E'back\\'slash;');
        /* block; /* nested; */ still comment; */
        CREATE TABLE "odd;name" (a int);
        SELECT 1
        """;
    assertThat(sqls(script, Dialect.POSTGRESQL))
        .containsExactly(
            "INSERT INTO t VALUES ('a;b', 'it''s; fine', E'back\\'slash;')",
            "CREATE TABLE \"odd;name\" (a int)",
            "SELECT 1");
  }

  @Test
  void dollarQuotedBodiesStayWhole() {
    String script =
        """
        CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
        BEGIN
          RAISE NOTICE 'x;y';
          RETURN 1;
        END $$;
        CREATE FUNCTION g(int) RETURNS int LANGUAGE sql AS $_$ SELECT $1; $_$;
        CREATE TABLE after_functions (id int);
        """;
    List<String> statements = sqls(script, Dialect.POSTGRESQL);
    assertThat(statements).hasSize(3);
    assertThat(statements.get(0)).contains("RETURN 1;").endsWith("END $$");
    assertThat(statements.get(1)).endsWith("SELECT $1; $_$");
    assertThat(statements.get(2)).isEqualTo("CREATE TABLE after_functions (id int)");
  }

  @Test
  void sqlStandardFunctionBodiesStayWhole() {
    String script =
        """
        CREATE FUNCTION h(a int) RETURNS int LANGUAGE sql
        BEGIN ATOMIC
          SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;
          SELECT 2;
        END;
        CREATE TABLE t (a int);
        """;
    List<String> statements = sqls(script, Dialect.POSTGRESQL);
    assertThat(statements).hasSize(2);
    assertThat(statements.get(0)).endsWith("END");
  }

  @Test
  void copyDataBlocksAreAttachedToTheirStatementAndMetaCommandsStandAlone() {
    String script =
        "\\connect shop\n"
            + "COPY public.t (a, b) FROM stdin;\n"
            + "1\tx;y\n"
            + "2\t\\N\n"
            + "\\.\n"
            + "SELECT pg_catalog.setval('public.t_a_seq', 2, true);\n";
    List<SqlScript.Statement> statements = SqlScript.split(script, Dialect.POSTGRESQL);
    assertThat(statements).hasSize(3);
    assertThat(statements.get(0).isMetaCommand()).isTrue();
    assertThat(statements.get(1).sql()).isEqualTo("COPY public.t (a, b) FROM stdin");
    assertThat(statements.get(1).copyData()).isEqualTo("1\tx;y\n2\t\\N\n");
    assertThat(statements.get(2).sql()).startsWith("SELECT pg_catalog.setval");
    assertThat(statements.get(2).line()).isEqualTo(6);
  }

  @Test
  void mysqlDelimitersBackticksHashCommentsAndVersionedComments() {
    String script =
        """
        /*!40101 SET NAMES utf8mb4 */;
        # a comment; here
        CREATE TABLE `a;b` (x varchar(10) DEFAULT 'it\\'s;');
        DELIMITER //
        CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END //
        DELIMITER ;
        CREATE TABLE c (id int);
        """;
    assertThat(sqls(script, Dialect.MYSQL))
        .containsExactly(
            "CREATE TABLE `a;b` (x varchar(10) DEFAULT 'it\\'s;')",
            "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END",
            "CREATE TABLE c (id int)");
  }

  @Test
  void summaryIsTheFirstLineCutTo80Characters() {
    assertThat(SqlScript.summary("\n  CREATE TABLE t (\n a int)")).isEqualTo("CREATE TABLE t (");
    assertThat(SqlScript.summary("x".repeat(100))).hasSize(80);
  }
}
