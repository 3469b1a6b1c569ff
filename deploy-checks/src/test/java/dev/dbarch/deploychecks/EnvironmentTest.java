package dev.dbarch.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.deploychecks.Manifests.Manifest;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable a manifest or docker-compose.yml gives a service is one that service
 * reads ({@link ServiceEnvironment}, derived from its code and configuration): a renamed or
 * misspelt variable fails the build instead of being silently ignored in a cluster.
 */
class EnvironmentTest {

  @Test
  void everyVariableTheManifestsSetIsOneTheServiceReads() {
    Map<String, List<String>> set = new TreeMap<>();
    for (Manifest m : Manifests.under("")) {
      if (m.model() instanceof Deployment d
          && Repo.SERVICES.contains(m.name())
          && d.getSpec().getTemplate() != null) {
        for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
          if (c.getEnv() != null) {
            for (EnvVar e : c.getEnv()) {
              set.computeIfAbsent(m.name(), k -> new ArrayList<>())
                  .add(e.getName() + " (" + m + ")");
            }
          }
        }
      }
    }
    Crds.Compose compose;
    try {
      compose =
          Manifests.YAML.readValue(Repo.path("docker-compose.yml").toFile(), Crds.Compose.class);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    for (String service : Repo.SERVICES) {
      compose
          .services()
          .get(service)
          .environment()
          .keySet()
          .forEach(
              v ->
                  set.computeIfAbsent(service, k -> new ArrayList<>())
                      .add(v + " (docker-compose.yml)"));
    }
    assertThat(set.keySet()).containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
    for (var entry : set.entrySet()) {
      ServiceEnvironment reads = ServiceEnvironment.of(entry.getKey());
      List<String> unread =
          entry.getValue().stream()
              .filter(v -> !reads.reads(v.substring(0, v.indexOf(' '))))
              .toList();
      assertThat(unread).as("%s is given variables it never reads", entry.getKey()).isEmpty();
    }
  }

  @Test
  void theDerivationKnowsWhatAServiceReadsAndNothingElse() {
    ServiceEnvironment intake = ServiceEnvironment.of("intake-service");
    ServiceEnvironment selection = ServiceEnvironment.of("selection-service");
    // KafkaSecurity, with its _FILE variants.
    assertThat(intake.reads("DBARCH_KAFKA_SASL_PASSWORD_FILE")).isTrue();
    // A property's own environment name, and a ${...} expression.
    assertThat(intake.reads("KAFKA_BOOTSTRAP_SERVERS")).isTrue();
    assertThat(intake.reads("DBARCH_LOG_JSON")).isTrue();
    // @ConfigMapping names, nested ones too; only in the service that has the mapping.
    assertThat(intake.reads("DBARCH_SECRETS_DIR")).isTrue();
    assertThat(intake.reads("DBARCH_TOPICS_PROVISION")).isTrue();
    assertThat(selection.reads("DBARCH_SECRETS_DIR")).isFalse();
    // A configuration source's own variable.
    assertThat(selection.reads(Tracing.ENDPOINT_VARIABLE)).isTrue();
    // What the services do not read: Kafka client settings under the plain KAFKA_ names.
    assertThat(intake.reads("KAFKA_SASL_JAAS_CONFIG")).isFalse();
    assertThat(intake.reads("KAFKA_SECURITY_PROTOCOL")).isFalse();
    assertThat(intake.reads("DBARCH_SECRETS_DIRECTORY")).isFalse();
    assertThat(new TreeSet<>(ServiceEnvironment.modules("selection-service")))
        .contains("selection-service", "specialist-kit", "service-kit", "contracts")
        .doesNotContain("test-support");
  }
}
