package dev.dbarch.intake.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test CA and a server certificate for {@code localhost} and {@code 127.0.0.1}, made with the
 * JDK's own {@code keytool} (the JDK has no public certificate builder, and keytool is in every
 * JDK), the server key written as PKCS#8 PEM for PostgreSQL.
 */
final class TestCertificates {

  private static final String PASS = "changeit";

  final Path caPem;
  final Path serverCertPem;
  final Path serverKeyPem;

  private TestCertificates(Path caPem, Path serverCertPem, Path serverKeyPem) {
    this.caPem = caPem;
    this.serverCertPem = serverCertPem;
    this.serverKeyPem = serverKeyPem;
  }

  /** A CA (its certificate as {@code caPem}), and a server certificate it signed. */
  static TestCertificates create(Path dir, Path caPem) {
    try {
      Files.createDirectories(dir);
      Path ca = dir.resolve("ca.p12");
      Path server = dir.resolve("server.p12");
      Files.deleteIfExists(ca);
      Files.deleteIfExists(server);
      Path csr = dir.resolve("server.csr");
      Path cert = dir.resolve("server.crt");
      newCa(ca, "CN=dbarch test CA", caPem);
      keytool(
          "-genkeypair",
          "-alias",
          "server",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=localhost",
          "-validity",
          "2",
          "-keystore",
          server.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          PASS);
      keytool(
          "-certreq",
          "-alias",
          "server",
          "-keystore",
          server.toString(),
          "-storepass",
          PASS,
          "-file",
          csr.toString());
      keytool(
          "-gencert",
          "-rfc",
          "-alias",
          "ca",
          "-keystore",
          ca.toString(),
          "-storepass",
          PASS,
          "-infile",
          csr.toString(),
          "-outfile",
          cert.toString(),
          "-ext",
          "san=dns:localhost,ip:127.0.0.1",
          "-validity",
          "2");
      Path key = dir.resolve("server.key");
      Files.deleteIfExists(key);
      Files.createFile(
          key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(key, pem("PRIVATE KEY", privateKey(server).getEncoded()));
      return new TestCertificates(caPem, cert, key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Only a CA certificate, which signed nothing the server shows. */
  static Path otherCa(Path dir, Path caPem) {
    try {
      Files.createDirectories(dir);
      Path ca = dir.resolve("other-ca.p12");
      Files.deleteIfExists(ca);
      newCa(ca, "CN=some other CA", caPem);
      return caPem;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A self-signed CA in the PKCS#12 store {@code ca}, its certificate written to {@code caPem}. */
  private static void newCa(Path ca, String dname, Path caPem) throws IOException {
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        dname,
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-keystore",
        ca.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASS);
    Files.deleteIfExists(caPem);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-storepass",
        PASS,
        "-file",
        caPem.toString());
  }

  private static Key privateKey(Path store) throws IOException {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, PASS.toCharArray());
      return keys.getKey("server", PASS.toCharArray());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.add("-noprompt");
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(
            "keytool failed: "
                + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
