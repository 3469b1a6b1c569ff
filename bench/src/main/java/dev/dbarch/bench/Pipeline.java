package dev.dbarch.bench;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Open-loop load: assessments are sent at fixed intended times (start + i / rate) whatever the
 * suite's answers, each to its own system, and each is timed from its INTENDED send time until its
 * complete revision arrives on the recommendation stream. A late send (the client or the machine
 * stalled) is therefore charged to the latency, not hidden (no coordinated omission). Assessments
 * still without a complete revision when the drain time is over are counted as incomplete and
 * recorded with the time they had waited, so percentiles are lower bounds then.
 */
final class Pipeline {

  /** What one rate gave. */
  record Result(
      int rate,
      double seconds,
      int sent,
      int accepted,
      int tooMany,
      int unavailable,
      int errors,
      int completed,
      int incomplete,
      double throughput,
      Histogram latencyMicros,
      double lastCompletionSeconds,
      Map<String, Integer> errorKinds) {}

  private final Api api;
  private final Sse sse;
  private final String runId;
  private final String template;

  Pipeline(Api api, Sse sse, String runId, String template) {
    this.api = api;
    this.sse = sse;
    this.runId = runId;
    this.template = template;
  }

  /**
   * The document every assessment sends: examples/ecommerce.yaml as JSON (workload, scale, access
   * patterns, compliance: every specialist has something to decide), with its own system id.
   */
  static String template(java.nio.file.Path example) throws java.io.IOException {
    com.fasterxml.jackson.databind.node.ObjectNode doc =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            dev.dbarch.contracts.Json.yaml().readTree(example.toFile());
    doc.put("systemId", SYSTEM_PLACEHOLDER);
    return dev.dbarch.contracts.Json.mapper().writeValueAsString(doc);
  }

  static final String SYSTEM_PLACEHOLDER = "bench-system-id-placeholder";

  String document(String systemId) {
    return template.replace(SYSTEM_PLACEHOLDER, systemId);
  }

  /** Whether an accepted (or not yet answered) assessment still waits for its revision. */
  private static boolean awaited(Map<String, Long> pending, Map<String, Integer> status) {
    for (String systemId : pending.keySet()) {
      Integer code = status.get(systemId);
      if (code == null || code == 202) {
        return true;
      }
    }
    return false;
  }

  /** One assessment, sent at once and timed until its complete revision: the cold path. */
  double single(String label, long timeoutSeconds) throws Exception {
    Result r = run(label, 1, 1, timeoutSeconds);
    if (r.completed() != 1) {
      throw new IllegalStateException(
          "the assessment got no complete revision within "
              + timeoutSeconds
              + " s (accepted "
              + r.accepted()
              + ", 429 "
              + r.tooMany()
              + ", 503 "
              + r.unavailable()
              + ", errors "
              + r.errors()
              + ")");
    }
    return r.latencyMicros().getMaxValue() / 1000.0;
  }

  Result run(String label, int rate, double seconds, long drainSeconds) throws Exception {
    int n = Math.max(1, (int) Math.round(rate * seconds));
    Histogram hist = new SynchronizedHistogram(TimeUnit.MINUTES.toMicros(30), 3);
    Map<String, Long> pending = new ConcurrentHashMap<>();
    // The answer each system's POST got: a 503 may or may not have been stored (intake's publish
    // timed out), so it stays pending and counts if its revision comes; a 429 was refused.
    Map<String, Integer> status = new ConcurrentHashMap<>();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger tooMany = new AtomicInteger();
    AtomicInteger unavailable = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger completed = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger();
    Map<String, Integer> errorKinds = new ConcurrentHashMap<>();
    long[] lastCompletion = {0};
    String prefix = "bench-" + runId + "-" + label + "-";
    sse.listen(
        e -> {
          if (e.complete() && e.systemId() != null) {
            Long intended = pending.remove(e.systemId());
            if (intended != null) {
              hist.recordValue(Math.max(0, (e.arrivedNanos() - intended) / 1000));
              completed.incrementAndGet();
              synchronized (lastCompletion) {
                lastCompletion[0] = Math.max(lastCompletion[0], e.arrivedNanos());
              }
            }
          }
        });
    long periodNanos = 1_000_000_000L / rate;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    for (int i = 0; i < n; i++) {
      long intended = start + i * periodNanos;
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      String systemId = prefix + i;
      pending.put(systemId, intended);
      api.postAssessment(document(systemId))
          .whenComplete(
              (HttpResponse<String> resp, Throwable err) -> {
                answered.incrementAndGet();
                if (err != null) {
                  errors.incrementAndGet();
                  Throwable cause = err.getCause() != null ? err.getCause() : err;
                  errorKinds.merge(cause.getClass().getSimpleName(), 1, Integer::sum);
                  pending.remove(systemId);
                } else if (resp.statusCode() == 202) {
                  status.put(systemId, 202);
                  accepted.incrementAndGet();
                } else if (resp.statusCode() == 503) {
                  status.put(systemId, 503);
                  unavailable.incrementAndGet();
                } else {
                  pending.remove(systemId);
                  switch (resp.statusCode()) {
                    case 429 -> tooMany.incrementAndGet();
                    default -> {
                      errors.incrementAndGet();
                      errorKinds.merge("HTTP " + resp.statusCode(), 1, Integer::sum);
                      if (errors.get() <= 3) {
                        System.err.println(
                            "bench: POST answered " + resp.statusCode() + ": " + resp.body());
                      }
                    }
                  }
                }
              });
    }
    long sendEnd = start + n * periodNanos;
    long deadline = sendEnd + TimeUnit.SECONDS.toNanos(drainSeconds);
    while (System.nanoTime() < deadline && (answered.get() < n || awaited(pending, status))) {
      Thread.sleep(20);
    }
    sse.listen(e -> {});
    long now = System.nanoTime();
    int incomplete = 0;
    for (Map.Entry<String, Long> e : pending.entrySet()) {
      Integer code = status.get(e.getKey());
      if (code == null || code == 202) {
        // Accepted (or unanswered) and still waiting: charged with the time waited so far.
        hist.recordValue((now - e.getValue()) / 1000);
        incomplete++;
      }
    }
    double last;
    synchronized (lastCompletion) {
      last = lastCompletion[0] == 0 ? 0 : (lastCompletion[0] - start) / 1e9;
    }
    double throughput = last > 0 ? completed.get() / Math.max(last, seconds) : 0;
    return new Result(
        rate,
        seconds,
        n,
        accepted.get(),
        tooMany.get(),
        unavailable.get(),
        errors.get() + (n - answered.get()),
        completed.get(),
        incomplete,
        throughput,
        hist,
        last,
        new java.util.TreeMap<>(errorKinds));
  }
}
