package dev.dbarch.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.deploychecks.Manifests.Manifest;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file under deploy/ parses strictly, the base lists all of them and overlays patch real
 * objects.
 */
class KustomizeTest {

  @Test
  void everyManifestParsesStrictlyIntoItsTypedModel() {
    List<Manifest> all = Manifests.under("");
    Set<String> kinds =
        all.stream().map(Manifest::kind).collect(Collectors.toCollection(TreeSet::new));
    System.out.println(all.size() + " documents, kinds " + kinds);
    assertThat(kinds)
        .contains(
            "Kafka",
            "KafkaNodePool",
            "KafkaTopic",
            "KafkaUser",
            "Deployment",
            "Service",
            "PodDisruptionBudget",
            "ScaledObject",
            "ServiceMonitor",
            "PrometheusRule",
            "Kustomization");
  }

  @Test
  void theBaseListsEveryManifestItHoldsAndTheDashboard() throws IOException {
    Path base = Repo.path("deploy/base");
    Crds.Kustomization k = kustomization(base);
    assertThat(k.namespace()).isEqualTo("dbarch");
    Set<String> files;
    try (Stream<Path> walk = Files.walk(base)) {
      files =
          walk.filter(Manifests::isYaml)
              .map(p -> base.relativize(p).toString())
              .filter(p -> !p.equals("kustomization.yaml"))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(k.resources()).containsExactlyInAnyOrderElementsOf(files);
    assertThat(k.configMapGenerator())
        .allSatisfy(g -> g.files().forEach(f -> assertThat(base.resolve(f)).exists()));
  }

  @Test
  void overlaysPatchObjectsTheBaseDefinesAndPinImagesItUses() {
    List<Manifest> base = Manifests.under("base");
    Set<String> defined =
        base.stream().map(m -> m.kind() + "/" + m.name()).collect(Collectors.toSet());
    Set<String> images =
        base.stream()
            .filter(m -> m.model() instanceof Deployment)
            .map(
                m ->
                    m.as(Deployment.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
            .map(i -> i.substring(0, i.lastIndexOf(':')))
            .collect(Collectors.toSet());
    for (String overlay : List.of("dev", "production")) {
      Path dir = Repo.path("deploy/overlays").resolve(overlay);
      Crds.Kustomization k = kustomization(dir);
      assertThat(k.resources()).as(overlay).first().isEqualTo("../../base");
      assertThat(k.resources().subList(1, k.resources().size()))
          .as("%s: its own additions", overlay)
          .allSatisfy(r -> assertThat(dir.resolve(r)).isRegularFile());
      for (Crds.Patch p : k.patches()) {
        Path file = dir.resolve(p.path());
        assertThat(file).as(overlay).exists();
        for (Manifest m : Manifests.read(file)) {
          if (p.target() != null) {
            assertThat(defined)
                .as("%s targets %s", p.path(), p.target().kind())
                .anyMatch(d -> d.startsWith(p.target().kind() + "/"));
          } else {
            assertThat(defined)
                .as("%s patches an object of the base", p.path())
                .contains(m.kind() + "/" + m.name());
          }
        }
      }
      if (k.images() != null) {
        assertThat(k.images()).allSatisfy(i -> assertThat(images).contains(i.name()));
        assertThat(k.images().stream().map(Crds.Image::name).toList())
            .containsExactlyInAnyOrderElementsOf(images);
      }
    }
  }

  static Crds.Kustomization kustomization(Path dir) {
    List<Manifest> docs = Manifests.read(dir.resolve("kustomization.yaml"));
    assertThat(docs).hasSize(1);
    return docs.get(0).as(Crds.Kustomization.class);
  }

  static String text(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
