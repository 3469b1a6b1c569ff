package dev.dbarch.tools.kafka;

import dev.dbarch.contracts.kafka.KafkaAccess;
import dev.dbarch.contracts.kafka.KafkaSecurity;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The secure mode of the local broker: a TLS listener with SCRAM-SHA-512 logins, and ACLs that let
 * each service's principal use only what {@link KafkaAccess} declares for it.
 *
 * <p>Everything lives in one directory (0700, every file 0600), generated on first use and reused:
 *
 * <ul>
 *   <li>{@code ca.p12} a local CA (EC P-256, 10 years), {@code ca.pem} its certificate: the
 *       truststore clients are given
 *   <li>{@code broker.p12} the broker's key and certificate (CN=dbarch-broker, SAN localhost and
 *       127.0.0.1) signed by that CA; {@code store.password} protects both stores
 *   <li>{@code users/<principal>.password}: {@value #ADMIN} (super user, used by the broker itself
 *       and the tools) and one per service
 * </ul>
 *
 * <p>The client listener is SASL_SSL; the controller listener is SSL with client certificates
 * required, so only the holder of the broker key reaches it. Passwords reach keytool through {@code
 * -storepass:file} and services through {@code DBARCH_KAFKA_SASL_PASSWORD_FILE}, never a command
 * line, except the admin's one-time {@code --add-scram} when the storage is formatted.
 */
public final class SecureKafka {

  /** The super user: broker-internal traffic, topic creation, users and ACLs. */
  public static final String ADMIN = "dbarch-admin";

  /** The broker certificate's subject, a super user on the controller listener. */
  static final String BROKER_DN = "CN=dbarch-broker";

  private static final int SCRAM_ITERATIONS = 8192;

  private final Path dir;
  private String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();

  public SecureKafka(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public Path dir() {
    return dir;
  }

  /** The CA certificate (PEM): what clients trust. */
  public Path truststore() {
    return dir.resolve("ca.pem");
  }

  Path brokerKeystore() {
    return dir.resolve("broker.p12");
  }

  Path storePasswordFile() {
    return dir.resolve("store.password");
  }

  /** The password file of a principal (the admin or a service). */
  public Path passwordFile(String principal) {
    return dir.resolve("users").resolve(principal + ".password");
  }

  /** Creates what is missing: CA, broker certificate, passwords. Idempotent. */
  public SecureKafka generate() {
    try {
      createPrivateDirectory(dir);
      createPrivateDirectory(dir.resolve("users"));
      ensurePassword(storePasswordFile());
      ensurePassword(passwordFile(ADMIN));
      for (KafkaAccess.ServiceAccess service : KafkaAccess.SERVICES) {
        ensurePassword(passwordFile(service.principal()));
      }
      if (!Files.exists(brokerKeystore()) || !Files.exists(truststore())) {
        generateCertificates();
      }
      restrictAll();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the secure broker files in " + dir, e);
    }
  }

  private void generateCertificates() throws IOException {
    Path ca = dir.resolve("ca.p12");
    for (Path p : List.of(ca, brokerKeystore(), truststore())) {
      Files.deleteIfExists(p);
    }
    String pass = "-storepass:file";
    String passFile = storePasswordFile().toString();
    // Four keytool runs (each a JVM start): the CA; the broker key signed by it in the same store
    // (-signer, JDK 17+); the broker entry with its chain copied to the broker's own store; the
    // CA certificate as PEM.
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-dname",
        "CN=dbarch-local-ca",
        "-ext",
        "bc:c",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-validity",
        "3650",
        "-storetype",
        "PKCS12",
        "-keystore",
        ca.toString(),
        pass,
        passFile);
    keytool(
        "-genkeypair",
        "-alias",
        "broker",
        "-dname",
        BROKER_DN,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-validity",
        "3650",
        "-keystore",
        ca.toString(),
        pass,
        passFile,
        "-signer",
        "ca",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-ext",
        "EKU=serverAuth,clientAuth");
    keytool(
        "-importkeystore",
        "-noprompt",
        "-srckeystore",
        ca.toString(),
        "-srcstorepass:file",
        passFile,
        "-srcalias",
        "broker",
        "-destkeystore",
        brokerKeystore().toString(),
        "-deststoretype",
        "PKCS12",
        "-deststorepass:file",
        passFile);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        pass,
        passFile,
        "-file",
        truststore().toString());
  }

  private void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(keytool);
    // A short-lived JVM: start fast.
    command.add("-J-XX:TieredStopAtLevel=1");
    command.add("-J-XX:+UseSerialGC");
    command.addAll(List.of(args));
    Path out = dir.resolve("keytool.log");
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "keytool " + args[0] + " failed; see " + out + ":\n" + StandaloneKafka.tail(out, 10));
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running keytool", e);
    }
  }

  /** The secure listener settings added to server.properties (which is then 0600). */
  Map<String, String> serverProperties(String host, int port, int controllerPort) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(
        "listeners",
        "SASL_SSL://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "SASL_SSL://" + host + ":" + port);
    p.put("inter.broker.listener.name", "SASL_SSL");
    p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:SSL");
    p.put("sasl.enabled.mechanisms", KafkaSecurity.DEFAULT_MECHANISM);
    p.put("sasl.mechanism.inter.broker.protocol", KafkaSecurity.DEFAULT_MECHANISM);
    p.put(
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
        KafkaSecurity.scramJaas(ADMIN, read(passwordFile(ADMIN))));
    p.put("ssl.keystore.type", "PKCS12");
    p.put("ssl.keystore.location", brokerKeystore().toString());
    p.put("ssl.keystore.password", read(storePasswordFile()));
    p.put("ssl.truststore.type", "PEM");
    p.put("ssl.truststore.location", truststore().toString());
    // Controller traffic: the broker's own certificate, nobody else's.
    p.put("listener.name.controller.ssl.client.auth", "required");
    p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    p.put("super.users", "User:" + ADMIN + ";User:" + BROKER_DN);
    p.put("allow.everyone.if.no.acl.found", "false");
    return p;
  }

  /** The arguments that give the admin its SCRAM login when the storage is formatted. */
  List<String> formatArguments() {
    return List.of(
        "--add-scram",
        KafkaSecurity.DEFAULT_MECHANISM
            + "=[name="
            + ADMIN
            + ",password="
            + read(passwordFile(ADMIN))
            + "]");
  }

  /** Client settings of {@code principal} with its password. */
  public Map<String, Object> clientConfig(String bootstrap, String principal) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("bootstrap.servers", bootstrap);
    config.putAll(KafkaSecurity.clientProperties(environment(principal)::get));
    return config;
  }

  /** The {@code DBARCH_KAFKA_*} variables a process of {@code principal} runs with. */
  public Map<String, String> environment(String principal) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(KafkaSecurity.PROTOCOL, "SASL_SSL");
    env.put(KafkaSecurity.MECHANISM, KafkaSecurity.DEFAULT_MECHANISM);
    env.put(KafkaSecurity.USERNAME, principal);
    env.put(KafkaSecurity.PASSWORD + "_FILE", passwordFile(principal).toString());
    env.put(KafkaSecurity.TRUSTSTORE, truststore().toString());
    return env;
  }

  /**
   * Creates or refreshes every service's SCRAM login from its password file and adds the ACLs
   * {@link KafkaAccess} declares (adding an ACL that exists is a no-op). Run as {@value #ADMIN}.
   */
  public void provision(Admin admin) {
    List<UserScramCredentialAlteration> users = new ArrayList<>();
    for (KafkaAccess.ServiceAccess service : KafkaAccess.SERVICES) {
      users.add(
          new UserScramCredentialUpsertion(
              service.principal(),
              new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
              read(passwordFile(service.principal()))));
    }
    try {
      admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
      admin.createAcls(acls()).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot create the service logins and ACLs", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating logins and ACLs", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Timed out creating logins and ACLs", e);
    }
  }

  /** The ACL table: every service's {@link KafkaAccess.ServiceAccess#grants()}. */
  public static List<AclBinding> acls() {
    List<AclBinding> acls = new ArrayList<>();
    for (KafkaAccess.ServiceAccess s : KafkaAccess.SERVICES) {
      String user = "User:" + s.principal();
      for (KafkaAccess.Grant g : s.grants()) {
        for (String op : g.operations()) {
          acls.add(
              allow(
                  ResourceType.valueOf(g.resourceType()),
                  g.name(),
                  g.prefixed() ? PatternType.PREFIXED : PatternType.LITERAL,
                  user,
                  AclOperation.valueOf(op)));
        }
      }
    }
    return List.copyOf(new java.util.LinkedHashSet<>(acls));
  }

  private static AclBinding allow(
      ResourceType type, String name, PatternType pattern, String user, AclOperation op) {
    return new AclBinding(
        new ResourcePattern(type, name, pattern),
        new AccessControlEntry(user, "*", op, AclPermissionType.ALLOW));
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private static void ensurePassword(Path file) throws IOException {
    if (Files.exists(file)) {
      return;
    }
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    writePrivate(file, HexFormat.of().formatHex(bytes) + "\n");
  }

  /** Writes a file readable by its owner only (created with 0600, never wider). */
  static void writePrivate(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static void createPrivateDirectory(Path d) throws IOException {
    Files.createDirectories(d);
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
  }

  private void restrictAll() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
      }
    }
  }
}
