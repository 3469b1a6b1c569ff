package dev.dbarch.deploychecks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the manifests under deploy/ into typed models: fabric8 for core kinds, Strimzi's api for
 * its custom resources, the records in {@link Crds} for KEDA and the Prometheus operator. Parsing
 * is strict: the fabric8 and Strimzi models keep unknown fields aside instead of failing, so every
 * parsed object is walked and any field kept aside fails the check (a misspelt {@code
 * readinesProbe} would otherwise be silently ignored by the model and by the cluster).
 */
final class Manifests {

  static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

  static final ObjectMapper JSON =
      JsonMapper.builder()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .build();

  static final Map<String, Class<?>> KINDS =
      Map.ofEntries(
          Map.entry("v1/Namespace", Namespace.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
          Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
          Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
          Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class),
          Map.entry("keda.sh/v1alpha1/ScaledObject", Crds.ScaledObject.class),
          Map.entry("keda.sh/v1alpha1/TriggerAuthentication", Crds.TriggerAuthentication.class),
          Map.entry("monitoring.coreos.com/v1/ServiceMonitor", Crds.ServiceMonitor.class),
          Map.entry("monitoring.coreos.com/v1/PrometheusRule", Crds.PrometheusRule.class),
          Map.entry("kustomize.config.k8s.io/v1beta1/Kustomization", Crds.Kustomization.class));

  /** One YAML document of one file, parsed into its typed model. */
  record Manifest(Path file, int document, JsonNode tree, Object model) {
    String kind() {
      return tree.path("kind").asText();
    }

    String name() {
      return tree.path("metadata").path("name").asText();
    }

    <T> T as(Class<T> type) {
      return type.cast(model);
    }

    @Override
    public String toString() {
      return Repo.root().relativize(file) + "#" + document + " " + kind() + "/" + name();
    }
  }

  private Manifests() {}

  /** Every YAML document under a folder of deploy/ (recursively). */
  static List<Manifest> under(String folder) {
    Path dir = Repo.path("deploy").resolve(folder);
    try (Stream<Path> files = Files.walk(dir)) {
      List<Manifest> all = new ArrayList<>();
      for (Path f : files.filter(Manifests::isYaml).sorted().toList()) {
        all.addAll(read(f));
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean isYaml(Path f) {
    String n = f.getFileName().toString();
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  /** The documents of one file; a JSON-patch file (a YAML list) is returned as one raw document. */
  static List<Manifest> read(Path file) {
    List<Manifest> out = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(file.toFile())) {
      var docs = YAML.readValues(parser, JsonNode.class);
      int i = 0;
      while (docs.hasNextValue()) {
        JsonNode tree = docs.nextValue();
        i++;
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
          continue;
        }
        out.add(new Manifest(file, i, tree, tree.isArray() ? tree : parse(file, i, tree)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }

  private static Object parse(Path file, int doc, JsonNode tree) {
    String key = tree.path("apiVersion").asText() + "/" + tree.path("kind").asText();
    Class<?> type = KINDS.get(key);
    if (type == null) {
      throw new AssertionError(file + "#" + doc + ": no typed model for " + key);
    }
    Object model;
    try {
      model = YAML.treeToValue(tree, type);
    } catch (IOException e) {
      throw new AssertionError(file + "#" + doc + " is not a valid " + key + ": " + e.getMessage());
    }
    List<String> unknown = new ArrayList<>();
    unknownFields(model, key, unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
    if (!unknown.isEmpty()) {
      throw new AssertionError(
          file + "#" + doc + " has fields " + key + " does not know: " + unknown);
    }
    return model;
  }

  /**
   * Collects the fields a fabric8 or Strimzi model kept aside as unknown. Free-form maps (labels,
   * Kafka configuration) are not models and are not inspected.
   */
  static void unknownFields(Object o, String path, List<String> unknown, Set<Object> seen) {
    if (o == null || !seen.add(o)) {
      return;
    }
    if (o instanceof Collection<?> c) {
      int i = 0;
      for (Object e : c) {
        unknownFields(e, path + "[" + i++ + "]", unknown, seen);
      }
      return;
    }
    String pkg = o.getClass().getPackageName();
    if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi")) {
      return;
    }
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0
          || Modifier.isStatic(m.getModifiers())
          || m.getDeclaringClass() == Object.class
          || !(m.getName().startsWith("get") || m.getName().startsWith("is"))) {
        continue;
      }
      Object value;
      try {
        value = m.invoke(o);
      } catch (ReflectiveOperationException | RuntimeException e) {
        continue;
      }
      if (m.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          extra.keySet().forEach(k -> unknown.add(path + "." + k));
        }
        continue;
      }
      if (value instanceof Map<?, ?>) {
        continue;
      }
      unknownFields(value, path + "." + m.getName(), unknown, seen);
    }
  }
}
