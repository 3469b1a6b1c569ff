package dev.dbarch.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The highest heap use each service reported on /q/metrics while a test ran: Micrometer's {@code
 * jvm_memory_used_bytes{area="heap"}} summed over the pools, sampled four times a second. A sample
 * can miss a short peak between two scrapes, so the figure is a lower bound.
 */
final class HeapSampler {

  private static final Duration INTERVAL = Duration.ofMillis(250);

  private final List<ServiceProcess> services;
  private final HttpClient http;
  private final Map<String, Long> peaks = new ConcurrentHashMap<>();
  private volatile boolean running;
  private Thread thread;

  HeapSampler(Collection<ServiceProcess> services, HttpClient http) {
    this.services = List.copyOf(services);
    this.http = http;
  }

  void start() {
    running = true;
    thread = new Thread(this::run, "e2e-heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() throws InterruptedException {
    running = false;
    thread.join(5_000);
  }

  long peakBytes(String service) {
    return peaks.getOrDefault(service, -1L);
  }

  private void run() {
    while (running) {
      for (ServiceProcess service : services) {
        heapUsed(service).ifPresent(used -> peaks.merge(service.name(), used, Math::max));
      }
      try {
        Thread.sleep(INTERVAL.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private java.util.OptionalLong heapUsed(ServiceProcess service) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/metrics"))
                  .timeout(Duration.ofSeconds(2))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return java.util.OptionalLong.empty();
      }
      long sum = 0;
      boolean found = false;
      for (String line : response.body().split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          found = true;
        }
      }
      return found ? java.util.OptionalLong.of(sum) : java.util.OptionalLong.empty();
    } catch (Exception e) {
      // A busy or restarting service misses one sample; the next one counts.
      return java.util.OptionalLong.empty();
    }
  }
}
