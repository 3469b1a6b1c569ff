package dev.dbarch.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docker-compose.yml runs KRaft Kafka, a watched PostgreSQL and every service's built image. */
class ComposeFileTest {

  private final Crds.Compose compose = read();

  private static Crds.Compose read() {
    try {
      return Manifests.YAML.readValue(Repo.path("docker-compose.yml").toFile(), Crds.Compose.class);
    } catch (IOException e) {
      throw new AssertionError("docker-compose.yml does not parse: " + e.getMessage(), e);
    }
  }

  @Test
  void kafkaRunsInKraftModeWithoutAutoCreatedTopics() {
    Crds.ComposeService kafka = compose.services().get("kafka");
    assertThat(kafka.image()).startsWith("apache/kafka:");
    assertThat(kafka.image()).endsWith(":" + kafkaClientsVersion());
    assertThat(kafka.environment())
        .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
        .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
        .containsKey("KAFKA_CONTROLLER_QUORUM_VOTERS")
        .doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
    assertThat(kafka.healthcheck().test()).isNotEmpty();
  }

  @Test
  void postgresHasLogicalDecodingAndIsRegisteredAsAMonitorByReference() {
    Crds.ComposeService pg = compose.services().get("postgres");
    assertThat(pg.image()).startsWith("postgres:");
    assertThat(pg.command()).contains("wal_level=logical");
    assertThat(pg.environment())
        .containsKey("POSTGRES_PASSWORD_FILE")
        .doesNotContainKey("POSTGRES_PASSWORD");
    assertThat(pg.healthcheck().test()).contains("pg_isready");

    Crds.ComposeService intake = compose.services().get("intake-service");
    String dir = intake.environment().get("DBARCH_SECRETS_DIR");
    assertThat(dir).isEqualTo("/var/run/secrets/dbarch");
    assertThat(intake.volumes()).anySatisfy(v -> assertThat(v).endsWith(":" + dir + ":ro"));
    assertThat(intake.dependsOn()).containsKey("postgres");

    Crds.ComposeService register = compose.services().get("register-monitor");
    String body =
        register.command().stream().filter(a -> a.startsWith("{")).findFirst().orElseThrow();
    assertThat(body)
        .contains(
            "\"host\":\"postgres\"",
            "\"engine\":\"POSTGRESQL\"",
            "\"passwordRef\":\"file:" + dir + "/");
    assertThat(register.command()).anySatisfy(a -> assertThat(a).endsWith("/api/v1/monitors"));
    assertThat(register.dependsOn().get("intake-service").condition()).isEqualTo("service_healthy");
  }

  @Test
  void everyServiceRunsItsQuarkusImageReadOnlyWithAReadinessCheck() {
    for (String service : Repo.SERVICES) {
      Crds.ComposeService s = compose.services().get(service);
      assertThat(s).as(service).isNotNull();
      Map<String, String> config =
          Messaging.effectiveConfig(service, Repo.SPECIALISTS.contains(service));
      assertThat(s.image()).isEqualTo("dbarch/" + service + ":" + Repo.projectVersion());
      assertThat(s.readOnly()).as(service).isTrue();
      assertThat(s.tmpfs()).as(service).contains("/tmp");
      assertThat(s.environment())
          .as(service)
          .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
      String port = config.get("quarkus.http.port");
      assertThat(s.ports()).as(service).contains(port + ":" + port);
      assertThat(String.join(" ", s.healthcheck().test()))
          .as(service)
          .contains("http://localhost:" + port + "/q/health/ready");
      assertThat(s.dependsOn().get("kafka").condition()).isEqualTo("service_healthy");
      if (config.containsKey("quarkus.kafka-streams.application-id")) {
        assertThat(s.environment().get("DBARCH_STATE_DIR")).as(service).startsWith("/tmp/");
      }
      assertThat(s.environment().keySet())
          .as("%s: no secret in the compose file", service)
          .noneMatch(k -> k.matches("(?i).*(password|jaas).*"));
    }
    assertThat(compose.services().keySet())
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.Stream.concat(
                    Repo.SERVICES.stream(),
                    java.util.stream.Stream.of(
                        "kafka", "postgres", "register-monitor", "otel-collector", "jaeger"))
                .toList());
  }

  @Test
  void everyServiceSendsItsTracesThroughTheCollectorToJaeger() {
    Crds.ComposeService collector = compose.services().get("otel-collector");
    assertThat(collector.image()).startsWith("otel/opentelemetry-collector:");
    assertThat(collector.volumes()).contains("./otel-collector.yaml:/etc/otelcol/config.yaml:ro");
    assertThat(collector.command()).contains("--config=/etc/otelcol/config.yaml");
    assertThat(collector.ports()).contains("4317:4317");
    assertThat(collector.dependsOn()).containsKey("jaeger");
    assertThat(compose.services().get("jaeger").image()).startsWith("jaegertracing/jaeger:");
    assertThat(compose.services().get("jaeger").ports()).contains("16686:16686");

    Tracing.Pipeline pipeline =
        Tracing.collectorPipeline(Repo.read(Repo.path("otel-collector.yaml")));
    assertThat(pipeline.receiverPorts()).contains(4317);
    assertThat(pipeline.exportsTo()).isEqualTo("jaeger:4317");
    for (String service : Repo.SERVICES) {
      assertThat(compose.services().get(service).environment())
          .as(service)
          .containsEntry(Tracing.ENDPOINT_VARIABLE, "http://otel-collector:4317");
    }
  }

  private static String kafkaClientsVersion() {
    var m =
        java.util.regex.Pattern.compile("<kafka.version>([^<]+)</kafka.version>")
            .matcher(Repo.read(Repo.path("pom.xml")));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
