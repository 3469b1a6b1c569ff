package dev.dbarch.tools.kafka;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A single Apache Kafka broker in KRaft combined mode (broker and controller in one node), run as
 * its own operating-system process from the jars on a classpath. No Docker, no downloaded
 * distribution: {@code kafka.tools.StorageTool format} prepares the data directory, then {@code
 * kafka.Kafka server.properties} runs the node.
 *
 * <p>Layout under the data directory: {@code server.properties}, {@code broker.log} (everything the
 * format step and the broker print), {@code data/} (the log and metadata directory). A data
 * directory that is already formatted is reused with its cluster id, so topics survive a restart.
 *
 * <pre>{@code
 * try (StandaloneKafka kafka = new StandaloneKafka(dir, 0).start()) {
 *   String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class StandaloneKafka implements AutoCloseable {

  /** The log file name inside the data directory. */
  public static final String LOG_FILE = "broker.log";

  private static final int NODE_ID = 1;
  private static final String HOST = "127.0.0.1";

  private final Path dataDir;
  private final String classpath;
  private final int requestedPort;
  private String javaExecutable = defaultJava();
  private String maxHeap = "512m";
  private Duration startTimeout = Duration.ofSeconds(120);
  private Duration stopTimeout = Duration.ofSeconds(30);
  private boolean detached;
  private SecureKafka secure;

  private volatile Process process;
  private int port;
  private volatile Thread shutdownHook;
  private Duration startupTime;

  /** A broker on {@code port} (0 picks a free one) whose classpath is this JVM's classpath. */
  public StandaloneKafka(Path dataDir, int port) {
    this(dataDir, port, defaultClasspath());
  }

  /**
   * @param dataDir where the configuration, the log file and the data go; created if missing
   * @param port the client (PLAINTEXT) port on 127.0.0.1, or 0 to pick a free one
   * @param classpath the classpath of the broker process: kafka_2.13 and its dependencies, plus an
   *     SLF4J binding so that it logs
   */
  public StandaloneKafka(Path dataDir, int port, String classpath) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Invalid port " + port);
    }
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.requestedPort = port;
    this.classpath = classpath;
  }

  /**
   * The classpath of this JVM. Under Surefire/Failsafe {@code java.class.path} can be a
   * manifest-only booter jar, so the real test classpath they publish is preferred.
   */
  public static String defaultClasspath() {
    String surefire = System.getProperty("surefire.test.class.path");
    if (surefire != null && !surefire.isBlank()) {
      return surefire;
    }
    return System.getProperty("java.class.path");
  }

  private static String defaultJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The {@code java} executable for the broker process; default: the one running this JVM. */
  public StandaloneKafka javaExecutable(String javaExecutable) {
    this.javaExecutable = javaExecutable;
    return this;
  }

  /** The broker's {@code -Xmx}, e.g. {@code 512m}. */
  public StandaloneKafka maxHeap(String maxHeap) {
    this.maxHeap = maxHeap;
    return this;
  }

  public StandaloneKafka startTimeout(Duration startTimeout) {
    this.startTimeout = startTimeout;
    return this;
  }

  public StandaloneKafka stopTimeout(Duration stopTimeout) {
    this.stopTimeout = stopTimeout;
    return this;
  }

  /**
   * A detached broker outlives this JVM: it runs in its own session (no terminal signals reach it)
   * and no shutdown hook stops it. Used by {@code ./dbarch up}, which stops it by pid.
   */
  public StandaloneKafka detached(boolean detached) {
    this.detached = detached;
    return this;
  }

  /**
   * Secure mode: a SASL_SSL listener with SCRAM logins and ACLs ({@link SecureKafka}); its files
   * are generated in {@code secure.dir()} on first start. The topics are created at start, as the
   * services' principals may not create them.
   */
  public StandaloneKafka secure(SecureKafka secure) {
    this.secure = secure;
    return this;
  }

  public boolean isSecure() {
    return secure != null;
  }

  /**
   * Writes the configuration, formats the storage if it is not formatted yet, launches the broker
   * and waits until it answers a describe-cluster request.
   *
   * @throws IllegalStateException if the port is taken, formatting fails, the process dies or the
   *     broker does not answer in time (the message carries the tail of the log)
   */
  public synchronized StandaloneKafka start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("Broker already running, pid " + process.pid());
    }
    long began = System.nanoTime();
    try {
      Files.createDirectories(dataDir);
      if (secure != null) {
        secure.generate();
      }
      port = requestedPort == 0 ? freePort() : requirePortFree(requestedPort);
      int controllerPort = freePort();
      Path logDirs = dataDir.resolve("data");
      Path config = dataDir.resolve("server.properties");
      writeServerProperties(config, logDirs, controllerPort);
      Path logFile = logFile();
      Files.writeString(
          logFile,
          "---- " + Instant.now() + " starting broker on " + bootstrapServers() + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      if (!Files.exists(logDirs.resolve("meta.properties"))) {
        format(config);
      }
      process = launch(javaCommand("kafka.Kafka", config.toString()));
      if (!detached) {
        shutdownHook = new Thread(this::stopQuietly, "stop-kafka-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
      }
      awaitReady();
      if (secure != null) {
        try (Admin admin = Admin.create(clientConfig())) {
          secure.provision(admin);
        }
        dev.dbarch.contracts.kafka.TopicAdmin.ensureTopics(
            clientConfig(), CreateTopics.DEFAULT_PARTITIONS, (short) -1);
      }
      startupTime = Duration.ofNanos(System.nanoTime() - began);
      return this;
    } catch (IOException e) {
      stopQuietly();
      throw new UncheckedIOException("Cannot start Kafka in " + dataDir, e);
    } catch (RuntimeException e) {
      stopQuietly();
      throw e;
    }
  }

  /** {@code 127.0.0.1:<port>}; valid once started. */
  public String bootstrapServers() {
    if (port == 0) {
      throw new IllegalStateException("Broker not started");
    }
    return HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  /** The process id of the broker; valid once started. */
  public long pid() {
    if (process == null) {
      throw new IllegalStateException("Broker not started");
    }
    return process.pid();
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path logFile() {
    return dataDir.resolve(LOG_FILE);
  }

  /** How long {@link #start()} took, from writing the configuration to the broker answering. */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * Client configuration for this broker: {@code bootstrap.servers}, and in secure mode the {@value
   * SecureKafka#ADMIN} login.
   */
  public Map<String, Object> clientConfig() {
    if (secure != null) {
      return secure.clientConfig(bootstrapServers(), SecureKafka.ADMIN);
    }
    return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
  }

  /** The secure mode's files and logins, or null. */
  public SecureKafka secureFiles() {
    return secure;
  }

  /**
   * Stops the broker: SIGTERM (controlled shutdown), then SIGKILL if it has not exited within the
   * stop timeout. Waits until the process is gone. Idempotent.
   */
  public void stop() {
    Process p = process;
    if (p == null) {
      return;
    }
    try {
      if (p.isAlive()) {
        p.destroy();
        if (!p.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
      }
      if (p.isAlive()) {
        throw new IllegalStateException("Kafka broker pid " + p.pid() + " did not exit");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      if (shutdownHook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
          // called from the hook itself
        }
        shutdownHook = null;
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (RuntimeException ignored) {
      // best effort
    }
  }

  /** The last {@code lines} lines of the broker log, for error messages. */
  public String logTail(int lines) {
    return tail(logFile(), lines);
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  private void writeServerProperties(Path config, Path logDirs, int controllerPort)
      throws IOException {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(NODE_ID));
    // Static quorum: the voter is named by id and address in the configuration only, so a
    // restart on another controller port still finds its formatted metadata log.
    p.setProperty("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.setProperty(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", logDirs.toString());
    p.setProperty("num.partitions", "3");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "10");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "10");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("log.retention.hours", "168");
    p.setProperty("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
    p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "4");
    p.setProperty("num.recovery.threads.per.data.dir", "1");
    if (secure != null) {
      secure.serverProperties(HOST, port, controllerPort).forEach(p::setProperty);
    }
    // 0600: in secure mode it holds the keystore and admin passwords.
    java.io.StringWriter text = new java.io.StringWriter();
    p.store(text, "Written by dev.dbarch.tools.kafka.StandaloneKafka: single-node KRaft");
    SecureKafka.writePrivate(config, text.toString());
  }

  private void format(Path config) throws IOException {
    String clusterId = Uuid.randomUuid().toString();
    List<String> args =
        new ArrayList<>(
            List.of(
                "format",
                "--cluster-id",
                clusterId,
                "--config",
                config.toString(),
                "--ignore-formatted"));
    if (secure != null) {
      args.addAll(secure.formatArguments());
    }
    Process formatter = launch(javaCommand("kafka.tools.StorageTool", args.toArray(String[]::new)));
    try {
      if (!formatter.waitFor(startTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        formatter.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("Formatting Kafka storage timed out; " + logHint());
      }
    } catch (InterruptedException e) {
      formatter.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while formatting Kafka storage", e);
    }
    if (formatter.exitValue() != 0) {
      throw new IllegalStateException(
          "Formatting Kafka storage failed (exit " + formatter.exitValue() + "); " + logHint());
    }
  }

  private List<String> javaCommand(String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    boolean shortLived = !mainClass.equals("kafka.Kafka");
    if (detached && new File("/usr/bin/setsid").canExecute()) {
      // Its own session: a Ctrl-C in the terminal that ran ./dbarch up does not reach it.
      command.add("/usr/bin/setsid");
    }
    command.add(javaExecutable);
    command.add("-Xms64m");
    command.add("-Xmx" + maxHeap);
    if (shortLived) {
      command.add("-XX:TieredStopAtLevel=1");
      command.add("-XX:+UseSerialGC");
    } else {
      command.add("-XX:+UseG1GC");
      command.add("-XX:MaxGCPauseMillis=20");
    }
    command.add("-Djava.awt.headless=true");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS");
    command.add("-Dorg.slf4j.simpleLogger.log.state.change.logger=warn");
    command.add("-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaConfig=warn");
    command.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn");
    command.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka.common.config.AbstractConfig=warn");
    // The classpath goes in the CLASSPATH variable (see launch) so the command line stays short
    // and readable in ps.
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  private Process launch(List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dataDir.toFile());
    builder.environment().put("CLASSPATH", classpath);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return builder.start();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    // First the listener socket (cheap, and keeps the client from logging connection warnings),
    // then a real describe-cluster answer.
    awaitListener(deadline);
    Map<String, Object> config = new java.util.HashMap<>(clientConfig());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
    config.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50);
    config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
    try (Admin admin = Admin.create(config)) {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "Kafka broker exited with code "
                  + process.exitValue()
                  + " while starting; "
                  + logHint());
        }
        try {
          var nodes =
              admin
                  .describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
                  .nodes()
                  .get(4, TimeUnit.SECONDS);
          if (!nodes.isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          // not up yet
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Kafka broker did not answer on "
                  + bootstrapServers()
                  + " within "
                  + startTimeout
                  + "; "
                  + logHint());
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for Kafka", e);
    }
  }

  private void awaitListener(long deadline) {
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Kafka broker exited with code "
                + process.exitValue()
                + " while starting; "
                + logHint());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(HOST, port), 500);
        return;
      } catch (IOException notYet) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Kafka broker did not listen on "
                + bootstrapServers()
                + " within "
                + startTimeout
                + "; "
                + logHint());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for Kafka", e);
      }
    }
  }

  private String logHint() {
    return "log " + logFile() + ":\n" + logTail(30);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static int requirePortFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getByName(HOST))) {
      socket.setReuseAddress(true);
      return port;
    } catch (IOException e) {
      throw new IllegalStateException(
          "Port " + port + " on " + HOST + " is already in use; cannot start Kafka there", e);
    }
  }

  /**
   * Command line: {@code start --data-dir DIR [--port 9092] [--pid-file FILE] [--heap 512m]
   * [--secure]} (secure: TLS, SCRAM and ACLs, files in {@code DIR/secure}) launches a detached
   * broker, waits until it answers, writes its pid and exits, leaving the broker running; {@code
   * run} does the same in the foreground and stops the broker on Ctrl-C. Prints {@code
   * bootstrap=<host:port>} and {@code pid=<pid>}.
   */
  public static void main(String[] args) throws Exception {
    quietClientLogging();
    if (args.length == 0 || !(args[0].equals("start") || args[0].equals("run"))) {
      usage();
      System.exit(2);
      return;
    }
    boolean foreground = args[0].equals("run");
    Path dataDir = null;
    int port = 9092;
    Path pidFile = null;
    String heap = "512m";
    boolean secureMode = false;
    for (int i = 1; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--data-dir" -> dataDir = Path.of(require(value, args[i++]));
        case "--port" -> port = Integer.parseInt(require(value, args[i++]));
        case "--pid-file" -> pidFile = Path.of(require(value, args[i++]));
        case "--heap" -> heap = require(value, args[i++]);
        case "--secure" -> secureMode = true;
        default -> {
          System.err.println("Unknown argument: " + args[i]);
          usage();
          System.exit(2);
          return;
        }
      }
    }
    if (dataDir == null) {
      usage();
      System.exit(2);
      return;
    }
    StandaloneKafka kafka = new StandaloneKafka(dataDir, port).maxHeap(heap).detached(!foreground);
    if (secureMode) {
      kafka.secure(new SecureKafka(dataDir.resolve("secure")));
    }
    try {
      kafka.start();
    } catch (RuntimeException e) {
      System.err.println("ERROR: " + e.getMessage());
      System.exit(1);
      return;
    }
    if (pidFile != null) {
      Files.createDirectories(pidFile.toAbsolutePath().getParent());
      Files.writeString(pidFile, kafka.pid() + "\n");
    }
    System.out.println("bootstrap=" + kafka.bootstrapServers());
    System.out.println("pid=" + kafka.pid());
    System.out.println("log=" + kafka.logFile());
    System.out.println("startup_ms=" + kafka.startupTime().toMillis());
    if (secureMode) {
      System.out.println("secure_dir=" + kafka.secureFiles().dir());
      System.out.println("truststore=" + kafka.secureFiles().truststore());
    }
    System.out.flush();
    if (foreground) {
      kafka.process.waitFor();
    }
    // Detached: leave the broker running. Its output goes to the log file and its stdin is
    // /dev/null, so it does not depend on this JVM.
    System.exit(0);
  }

  /** This launcher's own Kafka client logs only warnings (the broker logs to its file). */
  static void quietClientLogging() {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
  }

  private static String require(String value, String option) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  private static void usage() {
    System.err.println(
        "usage: StandaloneKafka start|run --data-dir DIR [--port 9092] [--pid-file FILE]"
            + " [--heap 512m] [--secure]");
  }
}
