package dev.dbarch.deploychecks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Typed models of the custom resources without a Java model on our classpath (KEDA, Prometheus
 * operator) and of kustomization.yaml: only the fields dbarch uses, read with unknown fields
 * failing, so a misspelt field is an error rather than ignored.
 */
final class Crds {

  private Crds() {}

  record Metadata(
      String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {}

  record ScaledObject(String apiVersion, String kind, Metadata metadata, ScaledObjectSpec spec) {}

  record ScaledObjectSpec(
      ScaleTargetRef scaleTargetRef,
      Integer minReplicaCount,
      Integer maxReplicaCount,
      Integer pollingInterval,
      Integer cooldownPeriod,
      List<Trigger> triggers) {}

  record ScaleTargetRef(String name, String kind, String apiVersion) {}

  record Trigger(String type, Map<String, String> metadata, AuthenticationRef authenticationRef) {}

  record AuthenticationRef(String name, String kind) {}

  record TriggerAuthentication(
      String apiVersion, String kind, Metadata metadata, TriggerAuthenticationSpec spec) {}

  record TriggerAuthenticationSpec(List<SecretTargetRef> secretTargetRef) {}

  record SecretTargetRef(String parameter, String name, String key) {}

  record ServiceMonitor(
      String apiVersion, String kind, Metadata metadata, ServiceMonitorSpec spec) {}

  record ServiceMonitorSpec(Selector selector, List<Endpoint> endpoints) {}

  record Selector(Map<String, String> matchLabels) {}

  record Endpoint(String port, String path, String interval, String scrapeTimeout) {}

  record PrometheusRule(String apiVersion, String kind, Metadata metadata, RuleSpec spec) {}

  record RuleSpec(List<RuleGroup> groups) {}

  record RuleGroup(String name, List<Rule> rules) {}

  record Rule(
      String alert,
      String record,
      String expr,
      @JsonProperty("for") String forDuration,
      Map<String, String> labels,
      Map<String, String> annotations) {}

  record Kustomization(
      String apiVersion,
      String kind,
      String namespace,
      List<String> resources,
      List<Patch> patches,
      List<Generator> configMapGenerator,
      List<Image> images) {}

  record Patch(String path, Target target) {}

  record Target(String group, String version, String kind, String name) {}

  record Generator(String name, List<String> files, GeneratorOptions options) {}

  record GeneratorOptions(Boolean disableNameSuffixHash, Map<String, String> labels) {}

  record Image(String name, String newName, String newTag) {}

  /** docker-compose.yml: the parts dbarch's file uses. */
  record Compose(String name, Map<String, ComposeService> services, Map<String, Object> volumes) {}

  record ComposeService(
      String image,
      List<String> command,
      Map<String, String> environment,
      HealthCheck healthcheck,
      List<String> volumes,
      List<String> ports,
      @JsonProperty("depends_on") Map<String, DependsOn> dependsOn,
      @JsonProperty("read_only") Boolean readOnly,
      List<String> tmpfs,
      String restart) {}

  record HealthCheck(List<String> test, String interval, String timeout, Integer retries) {}

  record DependsOn(String condition) {}

  /** A Grafana dashboard: its panels' queries. */
  record Dashboard(String uid, String title, List<Panel> panels) {}

  record Panel(String title, List<Target2> targets) {}

  record Target2(String refId, String expr, String legendFormat) {}
}
