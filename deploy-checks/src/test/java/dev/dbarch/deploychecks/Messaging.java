package dev.dbarch.deploychecks;

import dev.dbarch.contracts.kafka.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one service does on Kafka, derived from its own configuration and code (never copied from
 * the manifests): the effective properties are service-kit's defaults, then specialist-kit's for a
 * specialist, then the service's application.properties (the order of their config ordinals).
 */
record Messaging(
    String service,
    Set<String> writes,
    Set<String> reads,
    Set<String> usedInCode,
    Set<String> groups,
    Set<String> topicPrefixes,
    Set<String> groupPrefixes,
    Set<String> transactionalIdPrefixes) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");
  private static final Pattern TOPIC_REF = Pattern.compile("\\bTopics\\.([A-Z][A-Z0-9_]*)\\b");
  private static final Pattern GROUP_DEFAULT =
      Pattern.compile("@WithDefault\\(\"([^\"]+)\"\\)\\s*String\\s+groupId\\(\\)");

  static Messaging of(String service) {
    boolean specialist = Repo.SPECIALISTS.contains(service);
    Map<String, String> config = effectiveConfig(service, specialist);
    Set<String> writes = new TreeSet<>();
    Set<String> reads = new TreeSet<>();
    Set<String> groups = new TreeSet<>();
    Set<String> inCode = new TreeSet<>();
    Set<String> topicPrefixes = new TreeSet<>();
    Set<String> groupPrefixes = new TreeSet<>();
    Set<String> txPrefixes = new TreeSet<>();
    Pattern channel = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.topic");
    for (var e : config.entrySet()) {
      Matcher m = channel.matcher(e.getKey());
      if (!m.matches()) {
        continue;
      }
      String prefix = "mp.messaging." + m.group(1) + "." + m.group(2) + ".";
      if (!"smallrye-kafka".equals(config.get(prefix + "connector"))) {
        continue;
      }
      if (m.group(1).equals("outgoing")) {
        writes.add(e.getValue());
      } else {
        reads.add(e.getValue());
        String group = config.get(prefix + "group.id");
        if (group == null) {
          throw new AssertionError(
              service
                  + ": channel "
                  + m.group(2)
                  + " has no group.id (SmallRye would pick a random one)");
        }
        groups.add(group);
        if ("dead-letter-queue".equals(config.get(prefix + "failure-strategy"))) {
          writes.add(
              config.getOrDefault(
                  prefix + "dead-letter-queue.topic", "dead-letter-topic-" + m.group(2)));
        }
      }
    }
    String streamsId = config.get("quarkus.kafka-streams.application-id");
    if (streamsId != null) {
      // Kafka Streams: the group, the transactional ids (exactly-once) and the internal topics
      // (changelogs, repartition topics) all carry the application id.
      groups.add(streamsId);
      txPrefixes.add(streamsId);
      topicPrefixes.add(streamsId + "-");
      String waited = config.get("quarkus.kafka-streams.topics");
      if (waited != null) {
        for (String t : waited.split(",")) {
          inCode.add(t.trim());
        }
      }
    }
    List<Path> sources = new ArrayList<>(Repo.mainSources(service));
    if (specialist) {
      sources.addAll(Repo.mainSources("specialist-kit"));
    }
    for (Path source : sources) {
      String code = Repo.read(source);
      TOPIC_REF.matcher(code).results().map(r -> topic(r.group(1))).forEach(inCode::add);
      GROUP_DEFAULT.matcher(code).results().map(r -> r.group(1)).forEach(groups::add);
      if (code.contains(".historyTopic()")) {
        // Debezium's schema history of a MariaDB/MySQL monitor: one topic per registration, named
        // by MonitorRegistration, created and read back by Debezium's KafkaSchemaHistory, whose
        // consumer group is the engine's name (the monitor's slug) plus "-schemahistory".
        String registration =
            Repo.read(
                Repo.path(
                    "contracts/src/main/java/dev/dbarch/contracts/monitor/MonitorRegistration.java"));
        Matcher history =
            Pattern.compile("\"(dbarch\\.capture-history\\.)\"").matcher(registration);
        Matcher slug = Pattern.compile("\\? \"([a-z]+_)\" \\+ systemId").matcher(registration);
        if (!history.find() || !slug.find()) {
          throw new AssertionError("MonitorRegistration no longer names its history topic or slug");
        }
        topicPrefixes.add(history.group(1));
        groupPrefixes.add(slug.group(1));
      }
    }
    return new Messaging(
        service, writes, reads, inCode, groups, topicPrefixes, groupPrefixes, txPrefixes);
  }

  Set<String> allTopics() {
    Set<String> all = new TreeSet<>(writes);
    all.addAll(reads);
    all.addAll(usedInCode);
    return all;
  }

  private static String topic(String constant) {
    try {
      return (String) Topics.class.getField(constant).get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("Topics." + constant + " is not a topic constant", e);
    }
  }

  /** The service's configuration without profiles, placeholders resolved. */
  static Map<String, String> effectiveConfig(String service, boolean specialist) {
    Map<String, String> raw = new TreeMap<>();
    put(
        raw,
        Repo.properties(
            Repo.path("service-kit/src/main/resources/META-INF/microprofile-config.properties")));
    if (specialist) {
      put(
          raw,
          Repo.properties(
              Repo.path(
                  "specialist-kit/src/main/resources/META-INF/microprofile-config.properties")));
    }
    put(
        raw,
        Repo.properties(Repo.path(service).resolve("src/main/resources/application.properties")));
    Map<String, String> resolved = new TreeMap<>();
    raw.forEach((k, v) -> resolved.put(k, resolve(v, raw, 0)));
    return resolved;
  }

  private static void put(Map<String, String> into, Properties p) {
    p.stringPropertyNames().stream()
        .filter(k -> !k.startsWith("%"))
        .forEach(k -> into.put(k, p.getProperty(k)));
  }

  private static String resolve(String value, Map<String, String> config, int depth) {
    if (depth > 10) {
      return value;
    }
    Matcher m = PLACEHOLDER.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = config.get(m.group(1));
      String replacement =
          v != null ? resolve(v, config, depth + 1) : m.group(2) == null ? m.group() : m.group(2);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
