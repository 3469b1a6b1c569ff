package dev.dbarch.report.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.report.aggregation.AggregationListener;
import dev.dbarch.report.aggregation.ReportTopology;
import dev.dbarch.report.view.RecommendationView.Revision;
import dev.dbarch.report.view.RecommendationView.Slice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read side's on-disk index, fed from the history topic in the report topology: point reads,
 * pages, tenant and system isolation of key ranges, chunked replay, and the live feed.
 */
class RevisionIndexTest {

  @TempDir Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, String> history;
  private final List<Revision> fed = new ArrayList<>();
  private RevisionQueries queries;

  @BeforeEach
  void setUp() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "revision-index-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver =
        new TopologyTestDriver(
            ReportTopology.build(
                ReportTopology.Settings.DEFAULTS,
                AggregationListener.NONE,
                (revision, timestamp) -> fed.add(revision)),
            props);
    history =
        driver.createInputTopic(
            Topics.RECOMMENDATION_HISTORY, new StringSerializer(), new StringSerializer());
    KeyValueStore<String, String> store = driver.getKeyValueStore(RevisionIndex.STORE);
    queries = new RevisionQueries(() -> store);
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  private static Recommendation rec(String tenant, String systemId, long revision) {
    return new Recommendation(
        tenant,
        systemId,
        "System " + systemId,
        "a-" + revision,
        revision,
        Trigger.SUBMITTED,
        true,
        List.of(),
        List.of(),
        List.of(),
        revision == 1 ? null : revision - 1,
        List.of(),
        null,
        null,
        "# " + systemId);
  }

  private void publish(String tenant, String systemId, long revision) {
    history.pipeInput(tenant + "/" + systemId, Json.toJson(rec(tenant, systemId, revision)));
  }

  private static List<Long> numbers(List<Revision> revisions) {
    return revisions.stream().map(r -> r.recommendation().revision()).toList();
  }

  private static List<String> systemIds(List<Revision> revisions) {
    return revisions.stream().map(r -> r.recommendation().systemId()).toList();
  }

  private static List<Revision> list(Iterable<Revision> revisions) {
    return StreamSupport.stream(revisions.spliterator(), false).toList();
  }

  @Test
  void latestIsTheHighestRevisionWhateverTheOrderTheyArrive() {
    publish("acme", "shop", 3);
    publish("acme", "shop", 1);
    publish("acme", "shop", 2);
    publish("acme", "shop", 2); // a redelivery overwrites itself

    SystemKey shop = SystemKey.of("acme", "shop");
    assertThat(queries.latest(shop).map(r -> r.recommendation().revision())).contains(3L);
    assertThat(queries.revision(shop, 1).map(Revision::json))
        .contains(Json.toJson(rec("acme", "shop", 1)));
    assertThat(queries.revision(shop, 4)).isEmpty();
    Slice<Revision> all = queries.revisions(shop, 0, 50);
    assertThat(all.total()).isEqualTo(3);
    assertThat(numbers(all.items())).containsExactly(1L, 2L, 3L);
    assertThat(fed).hasSize(4);
  }

  @Test
  void revisionNumbersSortNumericallyNotAsText() {
    for (long r = 1; r <= 12; r++) {
      publish("acme", "shop", r);
    }
    Slice<Revision> page = queries.revisions(SystemKey.of("acme", "shop"), 1, 5);
    assertThat(page.total()).isEqualTo(12);
    assertThat(numbers(page.items())).containsExactly(6L, 7L, 8L, 9L, 10L);
    assertThat(queries.latest(SystemKey.of("acme", "shop")).map(r -> r.recommendation().revision()))
        .contains(12L);
  }

  @Test
  void aTenantsRangeNeverReachesATenantOrSystemWhoseNameExtendsIt() {
    publish("acme", "shop", 1);
    publish("acme", "shop-2", 1);
    publish("acme-x", "shop", 1);
    publish("acme-x", "shop", 2);
    publish("acmex", "shop", 1);

    assertThat(queries.revisions(SystemKey.of("acme", "shop"), 0, 50).total()).isEqualTo(1);
    assertThat(systemIds(queries.systems("acme", 0, 50).items())).containsExactly("shop", "shop-2");
    assertThat(numbers(queries.systems("acme-x", 0, 50).items())).containsExactly(2L);
    assertThat(queries.latest(SystemKey.of("globex", "shop"))).isEmpty();
    assertThat(queries.systems("globex", 0, 50).total()).isZero();
    assertThat(systemIds(list(queries.replay("acme", null, 1)))).containsExactly("shop", "shop-2");
  }

  @Test
  void unreadableAndDeletedRecordsAreSkippedAndTheIndexGoesOn() {
    history.pipeInput("acme/shop", "{not json");
    history.pipeInput("acme/shop", (String) null);
    publish("acme", "shop", 1);
    assertThat(queries.revisions(SystemKey.of("acme", "shop"), 0, 50).total()).isEqualTo(1);
    assertThat(fed).hasSize(1);
  }

  @Test
  void replayWalksEveryChunkOfALargeTenantFromARevision() {
    int systems = RevisionQueries.REPLAY_CHUNK + 57;
    for (int s = 0; s < systems; s++) {
      for (long r = 1; r <= 3; r++) {
        publish("big", String.format("s-%04d", s), r);
      }
    }
    List<Revision> replayed = list(queries.replay("big", null, 2));
    assertThat(replayed).hasSize(systems * 2);
    assertThat(numbers(replayed)).allSatisfy(r -> assertThat(r).isBetween(2L, 3L));
    assertThat(systemIds(replayed).stream().distinct().count()).isEqualTo(systems);
    assertThat(numbers(list(queries.replay("big", SystemKey.of("big", "s-0007"), 3))))
        .containsExactly(3L);
    Slice<Revision> lastPage = queries.systems("big", systems / 50, 50);
    assertThat(lastPage.total()).isEqualTo(systems);
    assertThat(lastPage.items()).hasSize(systems % 50);
  }

  /**
   * Property: for random histories over tenants and system ids that are prefixes of one another,
   * every question answers what a plain in-memory model of "every revision of every system" says.
   */
  @Test
  void answersAgreeWithAnInMemoryModelOverRandomHistories() {
    for (int c = 0; c < 200; c++) {
      long seed = 0x9E37L * (c + 1);
      Random random = new Random(seed);
      String[] tenants = {"t" + c, "t" + c + "-x", "t" + c + "x"};
      String[] ids = {"s", "s-1", "s1", "s-10", "a"};
      Map<String, TreeMap<String, TreeMap<Long, Revision>>> model = new TreeMap<>();
      int records = 1 + random.nextInt(40);
      for (int i = 0; i < records; i++) {
        String tenant = tenants[random.nextInt(tenants.length)];
        String id = ids[random.nextInt(ids.length)];
        long revision = 1 + random.nextInt(15);
        Recommendation rec = rec(tenant, id, revision);
        history.pipeInput(tenant + "/" + id, Json.toJson(rec));
        model
            .computeIfAbsent(tenant, t -> new TreeMap<>())
            .computeIfAbsent(id, s -> new TreeMap<>())
            .put(revision, new Revision(rec, Json.toJson(rec)));
      }
      String tenant = tenants[random.nextInt(tenants.length)];
      TreeMap<String, TreeMap<Long, Revision>> systems =
          model.getOrDefault(tenant, new TreeMap<>());
      int size = 1 + random.nextInt(3);
      int page = random.nextInt(3);
      List<String> expectedIds =
          systems.keySet().stream().skip((long) page * size).limit(size).toList();
      Slice<Revision> listed = queries.systems(tenant, page, size);
      String failing = "seed " + seed;
      assertThat(listed.total()).as(failing).isEqualTo(systems.size());
      assertThat(systemIds(listed.items())).as(failing).isEqualTo(expectedIds);
      for (String id : ids) {
        SystemKey key = SystemKey.of(tenant, id);
        TreeMap<Long, Revision> revisions = systems.getOrDefault(id, new TreeMap<>());
        assertThat(queries.latest(key))
            .as(failing)
            .isEqualTo(
                revisions.isEmpty()
                    ? Optional.empty()
                    : Optional.of(revisions.lastEntry().getValue()));
        assertThat(queries.revisions(key, 0, 50).items())
            .as(failing)
            .containsExactlyElementsOf(revisions.values());
      }
      long from = 1 + random.nextInt(15);
      List<Revision> expectedReplay =
          systems.values().stream().flatMap(r -> r.tailMap(from, true).values().stream()).toList();
      assertThat(list(queries.replay(tenant, null, from)))
          .as(failing)
          .containsExactlyElementsOf(expectedReplay);
    }
  }
}
