package dev.dbarch.servicekit.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class StaticMembershipTest {

  static FailoverConfig config(String instanceId, Duration session) {
    return new FailoverConfig() {
      @Override
      public Optional<String> instanceId() {
        return Optional.ofNullable(instanceId);
      }

      @Override
      public Duration sessionTimeout() {
        return session;
      }

      @Override
      public Duration heartbeatInterval() {
        return session.dividedBy(3);
      }
    };
  }

  static StaticMembership customizer(String instanceId) {
    StaticMembership membership = new StaticMembership();
    membership.failover = config(instanceId, Duration.ofSeconds(6));
    return membership;
  }

  static Map<String, Object> consumer() {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "selection-service");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "StringDeserializer");
    return config;
  }

  @Test
  void aConsumerChannelBecomesAStaticMemberWithTheShortSession() {
    Map<String, Object> customized =
        customizer("selection-service-host1").customize("assessment-requests-in", null, consumer());

    assertThat(customized)
        .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000)
        .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2000)
        .containsEntry(
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            "selection-service-host1-assessment-requests-in");
  }

  @Test
  void twoChannelsOfOneProcessNeverShareAMemberId() {
    StaticMembership membership = customizer("intake-1");
    Object first =
        membership.customize("a", null, consumer()).get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    Object second =
        membership.customize("b", null, consumer()).get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void withoutAnInstanceIdMembershipStaysDynamicButTheSessionIsShort() {
    for (String none : new String[] {null, "", "  "}) {
      Map<String, Object> customized = customizer(none).customize("in", null, consumer());
      assertThat(customized)
          .as("instance id %s", none)
          .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
          .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000);
    }
  }

  @Test
  void producersAreLeftAlone() {
    Map<String, Object> producer = new HashMap<>();
    producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "StringSerializer");
    producer.put(ProducerConfig.ACKS_CONFIG, "all");

    assertThat(customizer("x").customize("out", null, producer)).isEqualTo(producer);
  }

  @Test
  void aChannelsOwnSettingWins() {
    Map<String, Object> config = consumer();
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 30000);

    assertThat(customizer("x").customize("in", null, config))
        .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 30000);
  }

  @Test
  void anInstanceIdIsMadeSafeForAMemberId() {
    Map<String, Object> settings =
        ConsumerFailover.settings(config("report service@host 1", Duration.ofSeconds(6)), "c");
    assertThat(settings)
        .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "report_service_host_1-c");
  }
}
