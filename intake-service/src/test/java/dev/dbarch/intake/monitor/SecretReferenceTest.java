package dev.dbarch.intake.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbarch.servicekit.problem.ProblemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret references stay in their scopes: the secrets directory and the variable prefix. */
class SecretReferenceTest {

  @TempDir Path root;
  Path dir;
  Path outside;
  SecretReference.Scope scope;

  @BeforeEach
  void setUp() throws Exception {
    dir = Files.createDirectories(root.resolve("secrets"));
    outside = Files.writeString(root.resolve("outside.txt"), "not-yours");
    Files.writeString(dir.resolve("shop.password"), "s3cret\n");
    Files.createDirectories(dir.resolve("team"));
    Files.writeString(dir.resolve("team/db.password"), "team-pw");
    scope =
        new SecretReference.Scope(
            Optional.of(dir),
            "DBARCH_SECRET_",
            64,
            Map.of("DBARCH_SECRET_SHOP", "from-env", "PATH", "/usr/bin", "HOME", "/root")::get);
  }

  private static void refused(Runnable action, int status) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().status()).isEqualTo(status);
              assertThat(e.problem().errors())
                  .extracting(f -> f.field())
                  .containsExactly("passwordRef");
            });
  }

  @Test
  void inScopeReferencesResolve() {
    assertThat(scope.parse("file:shop.password").resolve()).isEqualTo("s3cret");
    assertThat(scope.parse("file:team/db.password").resolve()).isEqualTo("team-pw");
    assertThat(scope.parse("file:" + dir.resolve("shop.password")).resolve()).isEqualTo("s3cret");
    assertThat(scope.parse("env:DBARCH_SECRET_SHOP").resolve()).isEqualTo("from-env");
  }

  @Test
  void literalsAndOutOfScopeReferencesAreRefusedWhenParsed() {
    for (String reference :
        List.of(
            "hunter2",
            "",
            "env:PATH",
            "env:HOME",
            "env:DBARCH_SECRET_",
            "env:dbarch_secret_shop",
            "file:/proc/self/environ",
            "file:/etc/hostname",
            "file:" + outside,
            "file:../outside.txt",
            "file:team/../../outside.txt",
            "file:" + dir + "/../outside.txt",
            "file:" + dir,
            "file:.")) {
      refused(() -> scope.parse(reference), 400);
    }
  }

  @Test
  void aSymbolicLinkOutOfTheDirectoryIsRefusedWhenRead() throws Exception {
    Files.createSymbolicLink(dir.resolve("escape"), outside);
    Files.createSymbolicLink(dir.resolve("etc"), Path.of("/etc"));
    refused(() -> scope.parse("file:escape").resolve(), 400);
    refused(() -> scope.parse("file:etc/hostname").resolve(), 400);
  }

  @Test
  void aSymbolicLinkInsideTheDirectoryIsFollowed() throws Exception {
    Files.createSymbolicLink(dir.resolve("current"), dir.resolve("shop.password"));
    assertThat(scope.parse("file:current").resolve()).isEqualTo("s3cret");
  }

  @Test
  void directoriesAndLargeFilesAreRefused() throws Exception {
    refused(() -> scope.parse("file:team").resolve(), 400);
    Files.writeString(dir.resolve("big"), "x".repeat(65));
    refused(() -> scope.parse("file:big").resolve(), 400);
  }

  @Test
  void missingSecretsAreUnresolvable() {
    refused(() -> scope.parse("file:nope").resolve(), 422);
    refused(() -> scope.parse("env:DBARCH_SECRET_NOPE").resolve(), 422);
  }

  @Test
  void withoutADirectoryFileReferencesAreRefused() {
    SecretReference.Scope noDir =
        new SecretReference.Scope(Optional.empty(), "DBARCH_SECRET_", 64, name -> null);
    refused(() -> noDir.parse("file:shop.password"), 400);
  }

  /**
   * Generated paths from hostile pieces (.., ., absolute roots, links): whatever a reference names,
   * it either is refused or resolves to a file under the directory's real path.
   */
  @Test
  void generatedPathsNeverEscape() throws Exception {
    Files.createSymbolicLink(dir.resolve("up"), root);
    Files.createSymbolicLink(dir.resolve("in"), dir.resolve("team"));
    String[] pieces = {
      "..",
      ".",
      "team",
      "up",
      "in",
      "shop.password",
      "db.password",
      "outside.txt",
      "secrets",
      "",
      "/",
      "//",
      "%2e%2e",
      "...",
      "etc",
      "hostname"
    };
    long seed = 20261128L;
    Random random = new Random(seed);
    Path realDir = dir.toRealPath();
    for (int i = 0; i < 500; i++) {
      StringBuilder path = new StringBuilder(random.nextBoolean() ? "" : dir.toString() + "/");
      int parts = 1 + random.nextInt(5);
      for (int p = 0; p < parts; p++) {
        if (p > 0) {
          path.append('/');
        }
        path.append(pieces[random.nextInt(pieces.length)]);
      }
      String reference = "file:" + path;
      try {
        SecretReference parsed = scope.parse(reference);
        String value = parsed.resolve();
        assertThat(value).as("case %d (seed %d): %s", i, seed, reference).isNotEqualTo("not-yours");
        Path real = Path.of(reference.substring(5));
        real = (real.isAbsolute() ? real : dir.resolve(real)).normalize().toRealPath();
        assertThat(real).as("case %d (seed %d): %s", i, seed, reference).startsWith(realDir);
      } catch (ProblemException e) {
        assertThat(e.problem().status())
            .as("case %d (seed %d): %s", i, seed, reference)
            .isIn(400, 422);
      }
    }
  }
}
