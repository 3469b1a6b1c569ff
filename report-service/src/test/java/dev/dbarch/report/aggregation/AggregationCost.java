package dev.dbarch.report.aggregation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.kafka.Topics;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * What one assessment costs the report's aggregation: CPU time and bytes allocated on the thread
 * that runs the topology (the request, five verdicts, the complete revision published and indexed
 * by the read side, RocksDB included), driven by {@link TopologyTestDriver}. Not a test: a loop for
 * before/after comparisons (docs/benchmarks.md, "Changes and what they bought"). The input is
 * examples/ecommerce.yaml's request and the five verdicts the specialists' rules give it
 * (src/test/resources/bench/ecommerce-assessment.json), each assessment under its own system id as
 * the bench sends them.
 *
 * <p>The output topics are not read (the driver keeps their records; run with a heap of 1 GB):
 * their deserialization would be the loop's cost, not the report's. The driver commits after every
 * record, which the service does every 100 ms, so absolute figures are higher than the service's;
 * the loop is for comparing two builds on the same input.
 *
 * <p>Usage: java -cp target/test-classes:target/classes:$(dependencies)
 * dev.dbarch.report.aggregation.AggregationCost [assessments=5000] [rounds=5]
 */
public final class AggregationCost {

  private AggregationCost() {}

  public static void main(String[] args) throws Exception {
    int assessments = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    JsonNode fixture;
    try (var in = AggregationCost.class.getResourceAsStream("/bench/ecommerce-assessment.json")) {
      fixture = Json.mapper().readTree(in);
    }
    Path stateDir = Files.createTempDirectory("aggregation-cost");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregation-cost");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    Instant t0 = Instant.parse("2026-11-28T00:00:00Z");
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long[] published = new long[1];
    AggregationListener counter =
        new AggregationListener() {
          @Override
          public void published(dev.dbarch.contracts.events.Recommendation rec) {
            published[0]++;
          }
        };
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            ReportTopology.build(ReportTopology.Settings.DEFAULTS, counter), props, t0)) {
      TestInputTopic<String, String> requests =
          driver.createInputTopic(
              Topics.ASSESSMENT_REQUESTS,
              new StringSerializer(),
              new StringSerializer(),
              t0,
              Duration.ZERO);
      TestInputTopic<String, String> verdicts =
          driver.createInputTopic(
              Topics.SECTION_VERDICTS,
              new StringSerializer(),
              new StringSerializer(),
              t0,
              Duration.ZERO);
      // One warm-up round, then the measured ones; every round its own systems.
      for (int round = 0; round <= rounds; round++) {
        List<String[]> inputs = inputs(fixture, round, assessments);
        long cpu = bean.getCurrentThreadCpuTime();
        long allocated = bean.getThreadAllocatedBytes(thread);
        long wall = System.nanoTime();
        long before = published[0];
        for (String[] input : inputs) {
          requests.pipeInput(input[0], input[1]);
          for (int i = 2; i < input.length; i++) {
            verdicts.pipeInput(input[0], input[i]);
          }
        }
        long revisions = published[0] - before;
        cpu = bean.getCurrentThreadCpuTime() - cpu;
        allocated = bean.getThreadAllocatedBytes(thread) - allocated;
        wall = System.nanoTime() - wall;
        if (revisions != assessments) {
          throw new IllegalStateException(revisions + " revisions for " + assessments);
        }
        System.out.printf(
            Locale.ROOT,
            "%s %d assessments: %.3f ms CPU and %.0f kB allocated per assessment (wall %.3f ms)%n",
            round == 0 ? "warm-up " : "round " + round,
            assessments,
            cpu / 1e6 / assessments,
            allocated / 1024.0 / assessments,
            wall / 1e6 / assessments);
      }
    }
  }

  /** Per assessment: its key, its request, its five verdicts, under system id shop-ROUND-I. */
  private static List<String[]> inputs(JsonNode fixture, int round, int count) throws Exception {
    List<String[]> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String systemId = "shop-" + round + "-" + i;
      String assessmentId = "a-" + round + "-" + i;
      ObjectNode request = fixture.get("request").deepCopy();
      request.put("systemId", systemId).put("assessmentId", assessmentId);
      ((ObjectNode) request.get("requirements")).put("systemId", systemId);
      JsonNode verdicts = fixture.get("verdicts");
      String[] input = new String[2 + verdicts.size()];
      input[0] = request.get("tenant").asText() + "/" + systemId;
      input[1] = Json.mapper().writeValueAsString(request);
      for (int v = 0; v < verdicts.size(); v++) {
        ObjectNode verdict = verdicts.get(v).deepCopy();
        verdict.put("systemId", systemId).put("assessmentId", assessmentId);
        input[2 + v] = Json.mapper().writeValueAsString(verdict);
      }
      all.add(input);
    }
    return all;
  }
}
