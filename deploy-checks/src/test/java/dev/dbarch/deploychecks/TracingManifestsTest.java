package dev.dbarch.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.deploychecks.Manifests.Manifest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The production overlay's tracing: every service is told the collector's address, the collector
 * runs the pipeline docker-compose.yml runs and exports to the Jaeger the overlay deploys.
 */
class TracingManifestsTest {

  private final Path production = Repo.path("deploy/overlays/production");
  private final List<Manifest> tracing = Manifests.read(production.resolve("tracing.yaml"));

  private <T> Map<String, T> byName(Class<T> type) {
    return tracing.stream()
        .filter(m -> type.isInstance(m.model()))
        .collect(Collectors.toMap(Manifest::name, m -> m.as(type), (a, b) -> a));
  }

  @Test
  void theCollectorRunsTheSamePipelineAsComposeAndExportsToJaeger() {
    String pipelineText = Repo.read(Repo.path("otel-collector.yaml"));
    ConfigMap config = byName(ConfigMap.class).get("otel-collector");
    assertThat(config.getData().get("config.yaml")).isEqualTo(pipelineText);

    Deployment collector = byName(Deployment.class).get("otel-collector");
    Container c = collector.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getArgs()).contains("--config=/etc/otelcol/config.yaml");
    assertThat(c.getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/otelcol"));
    assertThat(collector.getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(v -> assertThat(v.getConfigMap().getName()).isEqualTo("otel-collector"));
    assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
    assertThat(c.getReadinessProbe()).isNotNull();

    Tracing.Pipeline pipeline = Tracing.collectorPipeline(pipelineText);
    String[] target = pipeline.exportsTo().split(":");
    Service jaeger = byName(Service.class).get(target[0]);
    assertThat(jaeger).as("the exporter's host is a Service of the overlay").isNotNull();
    assertThat(jaeger.getSpec().getPorts())
        .extracting(ServicePort::getPort)
        .contains(Integer.parseInt(target[1]));
    assertThat(byName(Deployment.class)).containsKey("jaeger");
  }

  @Test
  void everyServiceOfTheBaseSendsItsSpansToTheCollector() {
    Crds.Kustomization k = KustomizeTest.kustomization(production);
    assertThat(k.resources()).contains("tracing.yaml");
    assertThat(k.patches())
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("tracing-endpoint.yaml"));

    Service collector = byName(Service.class).get("otel-collector");
    List<Integer> receiverPorts =
        Tracing.collectorPipeline(Repo.read(Repo.path("otel-collector.yaml"))).receiverPorts();
    Map<String, Deployment> patched =
        Manifests.read(production.resolve("tracing-endpoint.yaml")).stream()
            .map(m -> m.as(Deployment.class))
            .collect(Collectors.toMap(d -> d.getMetadata().getName(), Function.identity()));
    assertThat(patched.keySet()).containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
    for (String service : Repo.SERVICES) {
      Container c = patched.get(service).getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(c.getName()).isEqualTo(service);
      String endpoint =
          c.getEnv().stream()
              .filter(e -> e.getName().equals(Tracing.ENDPOINT_VARIABLE))
              .map(EnvVar::getValue)
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError(service + " has no " + Tracing.ENDPOINT_VARIABLE));
      // gRPC (Quarkus' default protocol) to the collector's Service, on a port its receiver serves.
      assertThat(endpoint).startsWith("http://" + collector.getMetadata().getName() + ":");
      int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
      ServicePort servicePort =
          collector.getSpec().getPorts().stream()
              .filter(p -> p.getPort() == port)
              .findFirst()
              .orElseThrow(() -> new AssertionError("the collector's Service has no port " + port));
      assertThat(servicePort.getName()).isEqualTo("otlp-grpc");
      assertThat(receiverPorts).contains(port);
    }
  }
}
