package dev.dbarch.intake.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Looks for a secret in bytes: as it is, and base64-encoded (standard and URL alphabets) at any of
 * the three alignments it can take inside a longer encoded text. Collects where it was found.
 */
final class LeakScanner {

  /** Files larger than this are read only this far (logs and topics of a test are far smaller). */
  static final int MAX_FILE_BYTES = 64 * 1024 * 1024;

  private final List<byte[]> needles = new ArrayList<>();
  private final List<String> findings = new ArrayList<>();
  private int scanned;

  LeakScanner(String secret) {
    byte[] plain = secret.getBytes(StandardCharsets.UTF_8);
    Set<String> forms = new LinkedHashSet<>();
    forms.add(secret);
    for (int shift = 0; shift < 3; shift++) {
      byte[] shifted = new byte[shift + plain.length];
      System.arraycopy(plain, 0, shifted, shift, plain.length);
      for (Base64.Encoder encoder :
          List.of(Base64.getEncoder().withoutPadding(), Base64.getUrlEncoder().withoutPadding())) {
        String encoded = encoder.encodeToString(shifted);
        // Drop the characters that also carry bits of the bytes before or after the secret.
        int from = (shift * 8 + 5) / 6;
        int to = (shifted.length * 8) / 6;
        forms.add(encoded.substring(from, to));
      }
    }
    forms.forEach(f -> needles.add(f.getBytes(StandardCharsets.US_ASCII)));
  }

  /** Scans {@code content}, recording {@code where} for each form found. */
  void scan(String where, byte[] content) {
    scanned++;
    for (byte[] needle : needles) {
      if (indexOf(content, needle) >= 0) {
        findings.add(where + " contains " + new String(needle, StandardCharsets.US_ASCII));
      }
    }
  }

  void scan(String where, String content) {
    scan(where, content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8));
  }

  /** Every regular file below {@code dir} except {@code skip}. */
  void scanTree(Path dir, Path skip) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      if (skip != null
          && file.toAbsolutePath().normalize().equals(skip.toAbsolutePath().normalize())) {
        continue;
      }
      try (InputStream in = Files.newInputStream(file)) {
        scan(file.toString(), in.readNBytes(MAX_FILE_BYTES));
      } catch (IOException e) {
        // gone in between, or not readable by this user (then not by the service either)
      }
    }
  }

  List<String> findings() {
    return List.copyOf(findings);
  }

  int scanned() {
    return scanned;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
