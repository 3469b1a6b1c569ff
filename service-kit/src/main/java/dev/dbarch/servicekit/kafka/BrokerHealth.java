package dev.dbarch.servicekit.kafka;

import dev.dbarch.contracts.kafka.KafkaSecurity;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the broker, probed in the background with a short timeout and cached. Quarkus' own
 * Kafka check waits on {@code describeCluster()} without a deadline, so with the broker gone every
 * {@code /q/health} call hung for the admin client's default 60 s; this one answers at once from
 * the last probe, and liveness is not touched (a service without its broker is not dead: it answers
 * 503 and recovers by itself when the broker returns).
 */
@Readiness
@ApplicationScoped
public class BrokerHealth implements HealthCheck {

  private record Probe(boolean up, String detail, Instant at) {}

  @Inject BrokerConfig config;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  private volatile Probe last = new Probe(false, "not probed yet", Instant.EPOCH);
  private ScheduledExecutorService prober;
  private Admin admin;

  void start(@Observes StartupEvent event) {
    int timeout = (int) config.probeTimeout().toMillis();
    Map<String, Object> settings = new HashMap<>();
    settings.put(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafkaConfig.getOrDefault(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092"));
    // The same TLS and SCRAM settings as every other client.
    settings.putAll(KafkaSecurity.clientSettings(kafkaConfig));
    settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
    settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
    settings.put(
        AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(timeout, 500));
    settings.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, timeout);
    settings.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "broker-health");
    admin = Admin.create(settings);
    prober =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "broker-health");
              thread.setDaemon(true);
              return thread;
            });
    prober.scheduleWithFixedDelay(
        this::probe, 0, config.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (prober != null) {
      prober.shutdownNow();
    }
    if (admin != null) {
      admin.close(java.time.Duration.ofSeconds(1));
    }
  }

  private void probe() {
    int timeout = (int) config.probeTimeout().toMillis();
    try {
      int nodes =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(timeout))
              .nodes()
              .get(timeout + 200L, TimeUnit.MILLISECONDS)
              .size();
      last = new Probe(nodes > 0, nodes + " node(s)", Instant.now());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      last = new Probe(false, reason(e, timeout), Instant.now());
    }
  }

  /** Kafka's own words for refused credentials or rights (never the secret), else the timeout. */
  private static String reason(Throwable e, int timeout) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AuthenticationException || t instanceof AuthorizationException) {
        return "the broker refused this service: " + t.getMessage();
      }
    }
    return "the broker did not answer within " + timeout + " ms";
  }

  /** Whether the last probe reached the broker. */
  public boolean isUp() {
    return last.up();
  }

  @Override
  public HealthCheckResponse call() {
    Probe probe = last;
    return HealthCheckResponse.named("kafka-broker")
        .status(probe.up())
        .withData("detail", probe.detail())
        .withData("checkedAt", probe.at().toString())
        .build();
  }
}
