package dev.dbarch.intake.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.monitor.MonitorRegistration.TlsMode;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS settings the drivers get, and the MariaDB binlog client's owner-only trust store. */
class CaTrustStoreTest {

  @TempDir Path dir;

  @Test
  void theTrustStoreHoldsTheCaIsOwnerOnlyAndGoesAwayOnClose() throws Exception {
    Path ca = TestCertificates.otherCa(dir, dir.resolve("ca.pem"));
    CaTrustStore store = CaTrustStore.create(ca);
    Path path = store.path();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
        .isEqualTo("rw-------");
    KeyStore loaded = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(path)) {
      loaded.load(in, store.password().toCharArray());
    }
    assertThat(Collections.list(loaded.aliases())).hasSize(1);
    store.close();
    assertThat(path).doesNotExist();
  }

  @Test
  void driversGetTheModeAndUnderVerifyFullTheCaInPlaceAndTheName() throws Exception {
    InetAddress address = InetAddress.getByName("10.20.0.7");
    Path ca = dir.resolve("ca.pem");
    Credentials verify =
        new Credentials("pw", address, "shop.db.internal", TlsMode.VERIFY_FULL, ca);
    assertThat(PostgresAccess.tls(verify))
        .containsEntry("sslmode", "verify-full")
        .containsEntry("sslrootcert", ca.toString());
    assertThat(PostgresAccess.urlHost(verify)).isEqualTo("shop.db.internal");
    assertThat(MariaDbAccess.sslMode(verify)).isEqualTo("verify-full");

    Credentials require = new Credentials("pw", address, "shop.db.internal", TlsMode.REQUIRE, null);
    assertThat(PostgresAccess.tls(require)).containsOnlyKeys("sslmode").containsValue("require");
    assertThat(PostgresAccess.urlHost(require)).isEqualTo("10.20.0.7");
    assertThat(MariaDbAccess.sslMode(require)).isEqualTo("trust");

    Credentials legacy = new Credentials("pw", address, "shop.db.internal", null, null);
    assertThat(PostgresAccess.tls(legacy)).as("a v2 monitor keeps the driver default").isEmpty();
    assertThat(verify.toString()).contains("password=***").doesNotContain("=pw");
  }
}
