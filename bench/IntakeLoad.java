import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop POSTs of one document to intake alone (bench/intake-alone.sh): each sent at its
 * intended time {@code i / rate}, its latency counted from that time until the answer (so a stalled
 * server is charged), 30 s client timeout as the pipeline bench. Prints the answers by status, the
 * latency of each (from the intended and from the actual send time), and whether every 503 carried Retry-After and
 * problem+json. Run with {@code java IntakeLoad.java URL TOKEN DOCUMENT RATE SECONDS}.
 */
public class IntakeLoad {

  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    String token = args[1];
    byte[] document = Files.readAllBytes(Path.of(args[2]));
    double rate = Double.parseDouble(args[3]);
    int total = (int) (rate * Double.parseDouble(args[4]));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
    Map<String, ConcurrentLinkedQueue<Long>> serviceTimes = new ConcurrentHashMap<>();
    AtomicInteger late = new AtomicInteger();
    AtomicInteger badRefusals = new AtomicInteger();
    List<CompletableFuture<?>> sent = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long intended = start + (long) (i * 1e9 / rate);
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/yaml")
              .POST(HttpRequest.BodyPublishers.ofByteArray(yamlFor(document, i)))
              .build();
      long actual = System.nanoTime();
      if (actual - intended > 100_000_000L) {
        late.incrementAndGet();
      }
      sent.add(
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .handle(
                  (response, failure) -> {
                    String key =
                        failure != null
                            ? failure.getClass().getSimpleName()
                            : Integer.toString(response.statusCode());
                    if (response != null && response.statusCode() == 503) {
                      boolean retryAfter = response.headers().firstValue("Retry-After").isPresent();
                      boolean problem =
                          response
                              .headers()
                              .firstValue("Content-Type")
                              .orElse("")
                              .startsWith("application/problem+json");
                      if (!retryAfter || !problem) {
                        badRefusals.incrementAndGet();
                      }
                    }
                    latencies
                        .computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>())
                        .add((System.nanoTime() - intended) / 1_000_000);
                    serviceTimes
                        .computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>())
                        .add((System.nanoTime() - actual) / 1_000_000);
                    return null;
                  }));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    System.out.printf(
        "offered %.0f/s, sent %d in %.1f s (%d sent over 100 ms late: the client's own lag)%n",
        rate, total, (System.nanoTime() - start) / 1e9, late.get());
    System.out.println(" from the intended send time:");
    print(latencies);
    System.out.println(" from the actual send time:");
    print(serviceTimes);
    System.out.printf("  503 without Retry-After or problem+json: %d%n", badRefusals.get());
  }

  private static void print(Map<String, ConcurrentLinkedQueue<Long>> latencies) {
    for (var entry : new TreeMap<>(latencies).entrySet()) {
      List<Long> sorted = new ArrayList<>(entry.getValue());
      sorted.sort(null);
      System.out.printf(
          "  %-24s %6d  p50 %6d ms  p99 %6d ms  max %6d ms%n",
          entry.getKey(),
          sorted.size(),
          sorted.get(sorted.size() / 2),
          sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)),
          sorted.get(sorted.size() - 1));
    }
  }

  /** The document under its own system id, so no two submissions are the same system. */
  private static byte[] yamlFor(byte[] document, int i) {
    String text = new String(document, java.nio.charset.StandardCharsets.UTF_8);
    return text.replaceFirst("(?m)^systemId: .*$", "systemId: load-" + i)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
