package dev.dbarch.tools.kafka;

import dev.dbarch.contracts.kafka.KafkaSecurity;
import dev.dbarch.contracts.kafka.TopicAdmin;
import dev.dbarch.contracts.kafka.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Creates the dbarch topics ({@link Topics#ALL}) that a cluster does not have yet.
 *
 * <p>Usage: {@code CreateTopics <bootstrap-servers> [partitions] [replication-factor]}. The
 * partition count defaults to 3; the replication factor defaults to the broker's default ({@code
 * -1}). Exits 1 with a message when the cluster cannot be reached.
 */
public final class CreateTopics {

  public static final int DEFAULT_PARTITIONS = 3;

  private CreateTopics() {}

  /**
   * @return the topics this call created (the others already existed)
   */
  public static List<String> create(String bootstrapServers, int partitions, short rf) {
    // With DBARCH_KAFKA_* set (a secure cluster), as the login they name.
    Map<String, Object> config = new java.util.HashMap<>(KafkaSecurity.fromEnvironment());
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return TopicAdmin.ensureTopics(config, partitions, rf);
  }

  /** {@code cleanup.policy=compact, ...} in a stable order. */
  private static String describe(Map<String, String> configs) {
    return new java.util.TreeMap<>(configs)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(java.util.stream.Collectors.joining(", "));
  }

  public static void main(String[] args) {
    StandaloneKafka.quietClientLogging();
    if (args.length < 1 || args.length > 3 || args[0].startsWith("-")) {
      System.err.println(
          "usage: CreateTopics <bootstrap-servers> [partitions] [replication-factor]");
      System.exit(2);
      return;
    }
    int partitions = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_PARTITIONS;
    short rf = args.length > 2 ? Short.parseShort(args[2]) : -1;
    try {
      List<String> created = create(args[0], partitions, rf);
      for (Topics.TopicSpec spec : Topics.ALL) {
        System.out.printf(
            "%-8s %-32s %s%n",
            created.contains(spec.name()) ? "created" : "exists",
            spec.name(),
            describe(spec.configs()));
      }
      System.out.printf(
          "%d topic(s) created, %d already present on %s%n",
          created.size(), Topics.ALL.size() - created.size(), args[0]);
      System.exit(0);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      System.err.println(
          "ERROR: cannot create topics on "
              + args[0]
              + ": "
              + e.getMessage()
              + (cause != e ? " (" + cause + ")" : ""));
      System.exit(1);
    }
  }
}
