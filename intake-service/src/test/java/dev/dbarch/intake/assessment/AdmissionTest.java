package dev.dbarch.intake.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.intake.Admission;
import dev.dbarch.intake.PipelineBacklog;
import dev.dbarch.testsupport.KafkaTestClient;
import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Driven past its admission limits, intake answers at once with 503, {@code Retry-After} and a
 * problem document instead of queuing, and every submission it accepted (202) is on the topic:
 * nothing accepted is lost, nothing refused was half-stored. Two in flight at most here, and a
 * pipeline backlog of 5 records of the consumer group {@code admission-test}, which this test moves
 * by committing its offsets.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@TestProfile(AdmissionTest.Limits.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdmissionTest {

  static final String GROUP = "admission-test";

  public static class Limits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "dbarch.intake.admission.max-in-flight", "2",
          "dbarch.intake.admission.max-backlog", "5",
          "dbarch.intake.admission.backlog-groups", GROUP,
          "dbarch.intake.admission.backlog-interval", "100ms",
          "dbarch.intake.admission.retry-after", "3s");
    }
  }

  private static final String TOKEN = TestTokens.forTenant("admission", "submitter");

  @TestHTTPResource("/api/v1/assessments")
  URI assessments;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Inject MeterRegistry registry;
  @Inject Admission admission;
  @Inject PipelineBacklog backlog;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  @Order(1)
  void aBurstPastTheInFlightLimitIsRefusedAtOnceAndEveryAcceptedOneIsPublished() {
    double refusedBefore = refused("in-flight");
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      sent.add(http.sendAsync(submission("burst-" + i), HttpResponse.BodyHandlers.ofString()));
    }
    List<HttpResponse<String>> responses = sent.stream().map(CompletableFuture::join).toList();

    List<HttpResponse<String>> refused = only(responses, 503);
    List<HttpResponse<String>> accepted = only(responses, 202);
    assertThat(accepted.size() + refused.size()).as("only 202 and 503").isEqualTo(40);
    assertThat(refused).isNotEmpty();
    assertThat(accepted).isNotEmpty();
    for (HttpResponse<String> response : refused) {
      assertRefusal(response, "serving its limit of 2 submissions at once");
    }
    assertThat(refused("in-flight") - refusedBefore).isEqualTo(refused.size());
    // Every slot is given back once its response has ended.
    await().atMost(Duration.ofSeconds(10)).until(() -> admission.inFlight() == 0);
    assertPublished(accepted);
  }

  @Test
  @Order(2)
  void aPipelineBehindByMoreThanTheBacklogLimitGets503UntilItCatchesUp() throws Exception {
    commitGroupAtTheEnd();
    await().atMost(Duration.ofSeconds(20)).until(() -> backlog.current().orElse(-1) == 0);

    // Five records behind is within the limit: each of these is accepted and published.
    List<HttpResponse<String>> accepted = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      accepted.add(http.send(submission("behind-" + i), HttpResponse.BodyHandlers.ofString()));
    }
    assertThat(accepted).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
    await().atMost(Duration.ofSeconds(20)).until(() -> backlog.current().orElse(-1) > 5);

    double refusedBefore = refused("backlog");
    HttpResponse<String> refusal =
        http.send(submission("too-far-behind"), HttpResponse.BodyHandlers.ofString());
    assertRefusal(refusal, "pipeline is behind");
    assertThat(refused("backlog") - refusedBefore).isEqualTo(1);

    commitGroupAtTheEnd();
    await().atMost(Duration.ofSeconds(20)).until(() -> backlog.current().orElse(-1) == 0);
    HttpResponse<String> again =
        http.send(submission("caught-up"), HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(202);
    accepted.add(again);
    assertPublished(accepted);
  }

  private HttpRequest submission(String systemId) {
    return HttpRequest.newBuilder(assessments)
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/json")
        .POST(
            HttpRequest.BodyPublishers.ofString(
                "{\"systemId\":\"" + systemId + "\",\"name\":\"Admission\"}"))
        .build();
  }

  private static void assertRefusal(HttpResponse<String> response, String detail) {
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    var problem = Json.fromJson(response.body(), Map.class);
    assertThat(problem.get("status")).isEqualTo(503);
    assertThat((String) problem.get("detail")).contains(detail).contains("retry after 3 s");
  }

  private void assertPublished(List<HttpResponse<String>> accepted) {
    Set<String> ids =
        accepted.stream()
            .map(r -> (String) Json.fromJson(r.body(), Map.class).get("assessmentId"))
            .collect(Collectors.toSet());
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
      var records =
          kafka.await(
              Topics.ASSESSMENT_REQUESTS,
              r -> ids.stream().anyMatch(id -> r.value().contains(id)),
              ids.size(),
              Duration.ofSeconds(30));
      Set<String> published =
          ids.stream()
              .filter(id -> records.stream().anyMatch(r -> r.value().contains(id)))
              .collect(Collectors.toSet());
      assertThat(published).isEqualTo(ids);
    }
  }

  /** Moves the test's consumer group to the end of the requests topic: nothing left to do. */
  private void commitGroupAtTheEnd() throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      int partitions =
          admin
              .describeTopics(List.of(Topics.ASSESSMENT_REQUESTS))
              .allTopicNames()
              .get()
              .get(Topics.ASSESSMENT_REQUESTS)
              .partitions()
              .size();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < partitions; p++) {
        latest.put(new TopicPartition(Topics.ASSESSMENT_REQUESTS, p), OffsetSpec.latest());
      }
      Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get()
          .forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
      admin.alterConsumerGroupOffsets(GROUP, ends).all().get();
    }
  }

  private static List<HttpResponse<String>> only(List<HttpResponse<String>> all, int status) {
    return all.stream().filter(r -> r.statusCode() == status).toList();
  }

  private double refused(String reason) {
    Counter counter =
        registry.find("dbarch.intake.admission.refused").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }
}
