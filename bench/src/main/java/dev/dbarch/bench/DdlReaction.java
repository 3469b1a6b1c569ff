package dev.dbarch.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A monitored PostgreSQL (embedded, wal_level=logical: full capture) registered with intake; then
 * DDL statements one at a time, each timed from its commit until the system's next revision arrives
 * on the recommendation stream (first revision, and the complete one).
 */
final class DdlReaction {

  record Result(
      int statements, int missed, Histogram firstMicros, Histogram completeMicros, String mode) {}

  private final Api api;
  private final Sse sse;
  private final EmbeddedPostgres pg;
  private final Path secretsDir;
  private final String systemId;

  DdlReaction(Api api, Sse sse, EmbeddedPostgres pg, Path secretsDir, String runId) {
    this.api = api;
    this.sse = sse;
    this.pg = pg;
    this.secretsDir = secretsDir;
    this.systemId = "bench-ddl-" + runId;
  }

  Result run(int statements, long timeoutSeconds) throws Exception {
    String database = "ddl_watch";
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      st.execute("CREATE DATABASE " + database);
    }
    LinkedBlockingQueue<Sse.Event> events = new LinkedBlockingQueue<>();
    sse.listen(
        e -> {
          if (systemId.equals(e.systemId())) {
            events.add(e);
          }
        });
    String mode = register(database);
    try {
      // The registration's own revisions (snapshot, re-assessment): wait until the stream is
      // quiet for the system, so they are not taken for a statement's.
      long last = awaitQuiet(events, 60, 2, true);
      Histogram first = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
      Histogram complete = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
      int missed = 0;
      try (Connection c = pg.getDatabase("postgres", database).getConnection();
          Statement st = c.createStatement()) {
        for (int i = 0; i < statements; i++) {
          events.clear();
          st.execute(statement(i));
          long committed = System.nanoTime();
          long deadline = committed + TimeUnit.SECONDS.toNanos(timeoutSeconds);
          boolean seenFirst = false;
          boolean seenComplete = false;
          while (!seenComplete) {
            long left = deadline - System.nanoTime();
            Sse.Event e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (e == null) {
              break;
            }
            if (e.revision() <= last) {
              continue;
            }
            last = e.revision();
            long micros = (e.arrivedNanos() - committed) / 1000;
            if (!seenFirst) {
              first.recordValue(micros);
              seenFirst = true;
            }
            if (e.complete()) {
              complete.recordValue(micros);
              seenComplete = true;
            }
          }
          if (!seenComplete) {
            missed++;
            // A late revision of this statement must not be taken for the next one's.
            last = Math.max(last, awaitQuiet(events, 10, 1, false));
          }
        }
      }
      return new Result(statements, missed, first, complete, mode);
    } finally {
      sse.listen(e -> {});
      HttpRequest delete =
          api.request(api.intake + "/api/v1/monitors/" + systemId).DELETE().build();
      try {
        api.send(delete);
      } catch (Exception e) {
        System.err.println("bench: could not delete monitor " + systemId + ": " + e);
      }
    }
  }

  /** The i-th statement: tables, columns, indexes, comments, drops, in a cycle. */
  static String statement(int i) {
    int t = i / 5;
    return switch (i % 5) {
      case 0 -> "CREATE TABLE bench_t" + t + " (id bigint PRIMARY KEY, note text)";
      case 1 -> "ALTER TABLE bench_t" + t + " ADD COLUMN customer_id bigint";
      case 2 -> "CREATE INDEX bench_t" + t + "_customer_idx ON bench_t" + t + " (customer_id)";
      case 3 -> "COMMENT ON TABLE bench_t" + t + " IS 'bench table " + t + "'";
      default -> "ALTER TABLE bench_t" + t + " DROP COLUMN note";
    };
  }

  private String register(String database) throws Exception {
    Files.createDirectories(secretsDir);
    Path password = secretsDir.resolve("bench-postgres.password");
    // Trust authentication accepts any password; the monitor still refers to one, as a real
    // database's would, from intake's secrets directory.
    Files.writeString(password, Long.toHexString(new java.security.SecureRandom().nextLong()));
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
    String body =
        "{\"systemId\":\""
            + systemId
            + "\",\"engine\":\"POSTGRESQL\",\"host\":\"localhost\",\"port\":"
            + pg.getPort()
            + ",\"database\":\""
            + database
            + "\",\"user\":\"postgres\",\"passwordRef\":\"file:"
            + password.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"}";
    HttpRequest req =
        api.request(api.intake + "/api/v1/monitors")
            .header("Content-Type", "application/json")
            .timeout(java.time.Duration.ofSeconds(120))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> resp = api.send(req);
    if (resp.statusCode() != 201) {
      throw new IllegalStateException(
          "registering the monitored database answered HTTP "
              + resp.statusCode()
              + ": "
              + resp.body());
    }
    String mode = Sse.string(resp.body(), "mode");
    return mode == null ? "?" : mode;
  }

  /**
   * Waits until no event came for quietSeconds (after a first one, when requireOne), at most
   * maxSeconds; the last revision seen.
   */
  private static long awaitQuiet(
      LinkedBlockingQueue<Sse.Event> events, long maxSeconds, long quietSeconds, boolean requireOne)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
    long last = 0;
    boolean any = false;
    while (System.nanoTime() < deadline) {
      Sse.Event e = events.poll(quietSeconds, TimeUnit.SECONDS);
      if (e == null) {
        if (any || !requireOne) {
          break;
        }
        continue;
      }
      any = true;
      last = Math.max(last, e.revision());
    }
    return last;
  }
}
