package dev.dbarch.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.kafka.KafkaSecurity;
import dev.dbarch.deploychecks.Manifests.Manifest;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Deployments, Services, PDBs, KEDA and the ServiceMonitor agree with the modules they run. */
class WorkloadsTest {

  private final List<Manifest> base = Manifests.under("base");

  private <T> List<T> all(Class<T> type) {
    return base.stream().filter(m -> type.isInstance(m.model())).map(m -> m.as(type)).toList();
  }

  private <T> Map<String, T> byName(Class<T> type, Function<T, String> name) {
    return all(type).stream().collect(Collectors.toMap(name, Function.identity()));
  }

  @Test
  void everyServiceRunsTheImageTheBuildProducesWithProbesLimitsAndNoRoot() {
    Map<String, Deployment> deployments = byName(Deployment.class, d -> d.getMetadata().getName());
    assertThat(deployments.keySet()).containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
    for (String service : Repo.SERVICES) {
      Map<String, String> config =
          Messaging.effectiveConfig(service, Repo.SPECIALISTS.contains(service));
      Deployment d = deployments.get(service);
      PodSpec pod = d.getSpec().getTemplate().getSpec();
      assertThat(pod.getContainers()).as(service).hasSize(1);
      Container c = pod.getContainers().get(0);

      // The image Quarkus builds with -Dquarkus.container-image.build=true: group/name:version.
      assertThat(Repo.pom("service-kit"))
          .contains("<artifactId>quarkus-container-image-jib</artifactId>");
      assertThat(Repo.pom(service))
          .containsAnyOf(
              "<artifactId>service-kit</artifactId>", "<artifactId>specialist-kit</artifactId>");
      String image =
          config.get("quarkus.container-image.group")
              + "/"
              + config.get("quarkus.container-image.name")
              + ":"
              + Repo.projectVersion();
      assertThat(config.get("quarkus.container-image.name"))
          .as("image name = module")
          .isEqualTo(service);
      assertThat(c.getImage()).as(service).isEqualTo(image);

      int port = Integer.parseInt(config.get("quarkus.http.port"));
      assertThat(c.getPorts())
          .as(service)
          .anySatisfy(
              p -> {
                assertThat(p.getName()).isEqualTo("http");
                assertThat(p.getContainerPort()).isEqualTo(port);
              });
      probe(service, c.getLivenessProbe(), "/q/health/live");
      probe(service, c.getReadinessProbe(), "/q/health/ready");
      probe(service, c.getStartupProbe(), "/q/health/started");

      Map<String, Quantity> requests = c.getResources().getRequests();
      Map<String, Quantity> limits = c.getResources().getLimits();
      for (String r : List.of("cpu", "memory")) {
        assertThat(requests).as("%s requests %s", service, r).containsKey(r);
        assertThat(limits).as("%s limits %s", service, r).containsKey(r);
        assertThat(Quantity.getAmountInBytes(requests.get(r)))
            .as("%s: %s request within limit", service, r)
            .isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get(r)));
      }

      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(service).isTrue();
      assertThat(pod.getSecurityContext().getRunAsUser()).as(service).isNotZero();
      assertThat(pod.getAutomountServiceAccountToken()).as(service).isFalse();
      assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(service).isTrue();
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(service).isFalse();
      assertThat(c.getSecurityContext().getCapabilities().getDrop())
          .as(service)
          .containsExactly("ALL");

      // Read-only root: every writable path is an emptyDir; /tmp is one.
      Map<String, Volume> volumes =
          pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, Function.identity()));
      for (VolumeMount m : c.getVolumeMounts()) {
        Volume v = volumes.get(m.getName());
        assertThat(v).as("%s mounts volume %s", service, m.getName()).isNotNull();
        if (!Boolean.TRUE.equals(m.getReadOnly())) {
          assertThat(v.getEmptyDir())
              .as("%s: writable %s is an emptyDir", service, m.getMountPath())
              .isNotNull();
        }
      }
      assertThat(mountOf(c, "/tmp")).as(service).isNotNull();

      Map<String, EnvVar> env =
          c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
      // Kafka: SCRAM as the service's own KafkaUser, the password from that user's Secret (a
      // file, never a value), TLS trusting the cluster CA Strimzi publishes.
      assertThat(env.get(KafkaSecurity.PROTOCOL).getValue()).as(service).isEqualTo("SASL_SSL");
      assertThat(env.get(KafkaSecurity.USERNAME).getValue()).as(service).isEqualTo(service);
      assertThat(env).as(service).doesNotContainKey(KafkaSecurity.PASSWORD);
      secretFile(
          service,
          c,
          volumes,
          env.get(KafkaSecurity.PASSWORD + "_FILE").getValue(),
          service,
          "password");
      secretFile(
          service,
          c,
          volumes,
          env.get(KafkaSecurity.TRUSTSTORE).getValue(),
          "dbarch-cluster-ca-cert",
          "ca.crt");
      assertThat(env.get("DBARCH_TOPICS_PROVISION").getValue())
          .as("Strimzi owns topics")
          .isEqualTo("false");
      assertThat(env.values())
          .as("%s: no secret as a literal value (a _FILE or _DIR names where one is)", service)
          .allSatisfy(
              e -> {
                if (e.getName().matches("(?i).*(password|secret|jaas|token).*")
                    && !e.getName().endsWith("_DIR")
                    && !e.getName().endsWith("_FILE")) {
                  assertThat(e.getValue()).as(e.getName()).isNull();
                }
              });
      if (config.containsKey("quarkus.kafka-streams.application-id")) {
        // Kafka Streams state is written: it must live on a writable emptyDir.
        String stateDir = env.get("DBARCH_STATE_DIR").getValue();
        VolumeMount m = mountOf(c, stateDir);
        assertThat(m).as("%s mounts its state dir", service).isNotNull();
        assertThat(volumes.get(m.getName()).getEmptyDir()).isNotNull();
        assertThat(
                Repo.properties(
                        Repo.path(service).resolve("src/main/resources/application.properties"))
                    .getProperty("kafka-streams.state.dir"))
            .as("%s reads its state dir from DBARCH_STATE_DIR", service)
            .startsWith("${DBARCH_STATE_DIR");
      }
      if (env.containsKey("MP_JWT_VERIFY_PUBLICKEY_LOCATION")) {
        String key = env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION").getValue();
        assertThat(mountOf(c, key.substring(0, key.lastIndexOf('/')))).as(service).isNotNull();
      }
      assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
          .as("%s: rolling updates keep every ready pod until its successor is ready", service)
          .isZero();
    }
  }

  @Test
  void intakeReadsMonitoredDatabaseSecretsAsFilesInTheSecretScopeDirectory() {
    Deployment intake =
        byName(Deployment.class, d -> d.getMetadata().getName()).get("intake-service");
    Container c = intake.getSpec().getTemplate().getSpec().getContainers().get(0);
    String dir =
        c.getEnv().stream()
            .filter(e -> e.getName().equals("DBARCH_SECRETS_DIR"))
            .findFirst()
            .orElseThrow()
            .getValue();
    assertThat(dir).isEqualTo("/var/run/secrets/dbarch");
    VolumeMount m = mountOf(c, dir);
    assertThat(m.getReadOnly()).isTrue();
    Volume v =
        intake.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(x -> x.getName().equals(m.getName()))
            .findFirst()
            .orElseThrow();
    assertThat(v.getSecret().getSecretName()).isEqualTo("dbarch-monitored-db-secrets");
    assertThat(v.getSecret().getDefaultMode()).as("owner-read only (0400)").isEqualTo(0400);
    assertThat(Repo.read(Repo.path("docs/operations.md"))).contains("DBARCH_SECRETS_DIR", dir);
  }

  @Test
  void everyDeploymentHasAServiceAndADisruptionBudgetSelectingItsPods() {
    Map<String, Service> services = byName(Service.class, s -> s.getMetadata().getName());
    Map<String, PodDisruptionBudget> pdbs =
        byName(PodDisruptionBudget.class, p -> p.getMetadata().getName());
    for (Deployment d : all(Deployment.class)) {
      String name = d.getMetadata().getName();
      Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
      assertThat(podLabels).containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
      Service s = services.get(name);
      assertThat(s).as("Service of %s", name).isNotNull();
      assertThat(podLabels).containsAllEntriesOf(s.getSpec().getSelector());
      assertThat(s.getSpec().getPorts())
          .anySatisfy(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
      PodDisruptionBudget pdb = pdbs.get(name);
      assertThat(pdb).as("PDB of %s", name).isNotNull();
      assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
      assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    }
  }

  @Test
  void specialistsAndReportScaleOnTheLagOfTheirOwnGroupUpToThePartitionCount() {
    Map<String, Crds.ScaledObject> scaled =
        byName(Crds.ScaledObject.class, s -> s.metadata().name());
    Set<String> expected = new TreeSet<>(Repo.SPECIALISTS);
    expected.add("report-service");
    assertThat(scaled.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    Set<String> auths =
        all(Crds.TriggerAuthentication.class).stream()
            .map(t -> t.metadata().name())
            .collect(Collectors.toSet());
    for (String service : expected) {
      Crds.ScaledObject so = scaled.get(service);
      Messaging uses = Messaging.of(service);
      assertThat(so.spec().scaleTargetRef().name()).isEqualTo(service);
      assertThat(so.spec().maxReplicaCount()).as(service).isEqualTo(KafkaClusterTest.partitions());
      assertThat(so.spec().minReplicaCount()).as(service).isGreaterThanOrEqualTo(1);
      assertThat(so.spec().triggers()).hasSize(1);
      Crds.Trigger t = so.spec().triggers().get(0);
      assertThat(t.type()).isEqualTo("kafka");
      assertThat(uses.groups()).as(service).contains(t.metadata().get("consumerGroup"));
      assertThat(uses.allTopics()).as(service).contains(t.metadata().get("topic"));
      assertThat(t.metadata()).containsEntry("sasl", "scram_sha512").containsEntry("tls", "enable");
      assertThat(auths).contains(t.authenticationRef().name());
    }
  }

  @Test
  void prometheusScrapesEveryServiceWhereItServesMetrics() {
    Crds.ServiceMonitor monitor = all(Crds.ServiceMonitor.class).get(0);
    String path =
        Messaging.effectiveConfig("report-service", false)
            .get("quarkus.micrometer.export.prometheus.path");
    assertThat(monitor.spec().endpoints())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo(path);
              assertThat(e.port()).isEqualTo("http");
            });
    assertThat(all(Service.class))
        .allSatisfy(
            s ->
                assertThat(s.getMetadata().getLabels())
                    .containsAllEntriesOf(monitor.spec().selector().matchLabels()));
  }

  /** {@code path} is the file of {@code key} of Secret {@code secret}, mounted read-only. */
  private static void secretFile(
      String service,
      Container c,
      Map<String, Volume> volumes,
      String path,
      String secret,
      String key) {
    String dir = path.substring(0, path.lastIndexOf('/'));
    VolumeMount m = mountOf(c, dir);
    assertThat(m).as("%s mounts %s", service, dir).isNotNull();
    assertThat(m.getReadOnly()).as("%s: %s read-only", service, dir).isTrue();
    Volume v = volumes.get(m.getName());
    assertThat(v.getSecret()).as("%s: %s is a Secret", service, dir).isNotNull();
    assertThat(v.getSecret().getSecretName()).as(service).isEqualTo(secret);
    assertThat(v.getSecret().getItems())
        .as("%s: %s", service, path)
        .anySatisfy(
            i -> {
              assertThat(i.getKey()).isEqualTo(key);
              assertThat(dir + "/" + i.getPath()).isEqualTo(path);
            });
  }

  private static void probe(String service, Probe probe, String path) {
    assertThat(probe).as("%s probe %s", service, path).isNotNull();
    assertThat(probe.getHttpGet().getPath()).as(service).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).as(service).isEqualTo("http");
  }

  private static VolumeMount mountOf(Container c, String path) {
    return c.getVolumeMounts().stream()
        .filter(m -> m.getMountPath().equals(path))
        .findFirst()
        .orElse(null);
  }
}
