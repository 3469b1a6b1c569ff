package dev.dbarch.intake.workload;

import dev.dbarch.contracts.monitor.MonitorRegistration;
import dev.dbarch.contracts.workload.WorkloadSnapshot;
import dev.dbarch.intake.monitor.CaptureSupervisor;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Reads the workload statistics of the monitors this instance captures: at once when a capture
 * starts here (on registration, or after a rebalance), then every {@code
 * dbarch.workload.poll-interval}. Ownership follows {@link CaptureSupervisor}, so each monitored
 * database is read by exactly one instance. A failed read is logged, shown in the health check and
 * retried at the next interval; it never stops the others.
 */
@ApplicationScoped
public class WorkloadPoller {

  private static final Logger LOG = Logger.getLogger(WorkloadPoller.class);

  /** Reads at once: statistics queries are light, but a slow database should not hold others. */
  static final int READERS = 2;

  private final Map<String, Long> nextReadAt = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Map<String, String> states = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(r -> thread(r, "workload-poller"));
  private final ExecutorService readers =
      Executors.newFixedThreadPool(READERS, r -> thread(r, "workload-reader"));

  @Inject CaptureSupervisor supervisor;
  @Inject WorkloadStatistics statistics;
  @Inject WorkloadConfig config;
  @Inject MeterRegistry registry;

  void start(@Observes StartupEvent event) {
    if (config.enabled()) {
      ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }
  }

  void stop(@Observes ShutdownEvent event) {
    ticker.shutdownNow();
    readers.shutdownNow();
  }

  /**
   * The outcome of the last read of every monitor this instance reads, by tenant-qualified system
   * key.
   */
  public Map<String, String> states() {
    return new TreeMap<>(states);
  }

  /** Starts the reads that are due; monitors no longer captured here are forgotten. */
  void tick() {
    try {
      Set<String> owned = new HashSet<>();
      Set<String> systems = new HashSet<>();
      long now = System.currentTimeMillis();
      for (MonitorRegistration monitor : supervisor.captured()) {
        String key = monitor.systemKey() + "|" + monitor.registrationId();
        owned.add(key);
        systems.add(monitor.systemKey().toString());
        if (now >= nextReadAt.getOrDefault(key, 0L) && inFlight.add(key)) {
          nextReadAt.put(key, now + config.pollInterval().toMillis());
          readers.execute(() -> readOne(monitor, key));
        }
      }
      nextReadAt.keySet().retainAll(owned);
      states.keySet().retainAll(systems);
    } catch (RuntimeException e) {
      LOG.warnf("Workload polling tick failed: %s", e.getMessage());
    }
  }

  private void readOne(MonitorRegistration monitor, String key) {
    MDC.put("tenant", monitor.tenant());
    MDC.put("systemId", monitor.systemId());
    try {
      WorkloadSnapshot snapshot = statistics.read(monitor);
      states.put(
          monitor.systemKey().toString(),
          "READ #"
              + snapshot.sequence()
              + (snapshot.limitations().isEmpty()
                  ? ""
                  : " (" + String.join("; ", snapshot.limitations()) + ")"));
    } catch (Exception e) {
      registry.counter("dbarch.workload.reads", "outcome", "failed").increment();
      String reason = firstLine(e.getMessage());
      states.put(monitor.systemKey().toString(), "FAILED: " + reason);
      LOG.warnf("Cannot read the workload of %s: %s", monitor.systemId(), reason);
    } finally {
      inFlight.remove(key);
      MDC.remove("systemId");
      MDC.remove("tenant");
    }
  }

  private static Thread thread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
