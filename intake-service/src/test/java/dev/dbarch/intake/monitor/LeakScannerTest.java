package dev.dbarch.intake.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control for {@link SecretLeakTest}: the scanner finds a planted secret in every form. */
class LeakScannerTest {

  static final String SECRET = "leak-" + UUID.randomUUID();

  @TempDir Path dir;

  @Test
  void findsThePlainSecretInFilesButNotInTheSkippedOne() throws Exception {
    Files.writeString(dir.resolve("clean.log"), "INFO nothing here\n");
    Files.writeString(dir.resolve("secret.password"), SECRET);
    Files.createDirectories(dir.resolve("deep/er"));
    Files.writeString(dir.resolve("deep/er/leak.log"), "DEBUG password=" + SECRET + " end");
    LeakScanner scanner = new LeakScanner(SECRET);
    scanner.scanTree(dir, dir.resolve("secret.password"));
    assertThat(scanner.scanned()).isEqualTo(2);
    assertThat(scanner.findings()).singleElement().asString().contains("leak.log");
  }

  @Test
  void findsTheSecretBase64EncodedAtAnyOffsetInsideLongerText() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int prefix = 0; prefix < 6; prefix++) {
      byte[] before = new byte[prefix];
      byte[] after = new byte[random.nextInt(5)];
      random.nextBytes(before);
      random.nextBytes(after);
      byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
      byte[] whole = new byte[before.length + secret.length + after.length];
      System.arraycopy(before, 0, whole, 0, before.length);
      System.arraycopy(secret, 0, whole, before.length, secret.length);
      System.arraycopy(after, 0, whole, before.length + secret.length, after.length);
      for (Base64.Encoder encoder :
          new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder()}) {
        LeakScanner scanner = new LeakScanner(SECRET);
        scanner.scan("record", "{\"blob\":\"" + encoder.encodeToString(whole) + "\"}");
        assertThat(scanner.findings()).as("prefix %d, seed %d", prefix, seed).isNotEmpty();
      }
    }
  }

  @Test
  void cleanContentHasNoFindings() {
    LeakScanner scanner = new LeakScanner(SECRET);
    scanner.scan("response", "{\"passwordRef\":\"file:secret.password\"}");
    scanner.scan("encoded", Base64.getEncoder().encodeToString("leak-other".getBytes()));
    assertThat(scanner.findings()).isEmpty();
  }
}
