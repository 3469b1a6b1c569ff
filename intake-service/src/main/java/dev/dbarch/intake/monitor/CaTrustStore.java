package dev.dbarch.intake.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;

/**
 * A PKCS#12 trust store holding a monitor's CA certificate, for Debezium's MariaDB binlog client,
 * which takes no PEM file. Owner-only (0600) in a temporary file, removed on {@link #close}; it
 * holds only the public CA certificate, its password is random and never reused.
 */
final class CaTrustStore implements AutoCloseable {

  private final Path path;
  private final String password;

  private CaTrustStore(Path path, String password) {
    this.path = path;
    this.password = password;
  }

  static CaTrustStore create(Path caFile) {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int i = 0;
      try (InputStream in = Files.newInputStream(caFile)) {
        for (Certificate certificate :
            CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          store.setCertificateEntry("ca-" + i++, certificate);
        }
      }
      Path path =
          Files.createTempFile(
              "dbarch-ca-",
              ".p12",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (OutputStream out = Files.newOutputStream(path)) {
        store.store(out, password.toCharArray());
      }
      path.toFile().deleteOnExit();
      return new CaTrustStore(path, password);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the CA trust store", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot build the CA trust store", e);
    }
  }

  Path path() {
    return path;
  }

  String password() {
    return password;
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // deleteOnExit removes it at the latest
    }
  }
}
