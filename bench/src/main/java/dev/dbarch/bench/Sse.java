package dev.dbarch.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The report's recommendation stream (GET /api/v1/recommendations/stream, one event per new
 * revision of the token's tenant), read on its own thread. Each event is handed to the current
 * listener with the time it arrived. The fields the bench needs are taken from the JSON's first
 * occurrences (the record's own fields come first), which keeps the client's CPU small.
 */
final class Sse implements AutoCloseable {

  /** One revision as it arrived. */
  record Event(
      String systemId,
      long revision,
      String assessmentId,
      String trigger,
      boolean complete,
      long arrivedNanos) {}

  private volatile Consumer<Event> listener = e -> {};
  private final Thread reader;
  private volatile Stream<String> lines;
  private volatile boolean closed;
  private final CompletableFuture<Void> connected = new CompletableFuture<>();

  Sse(Api api, String query) {
    HttpRequest req =
        api.request(api.report + "/api/v1/recommendations/stream" + query)
            .timeout(java.time.Duration.ofDays(1))
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    reader =
        new Thread(
            () -> {
              try {
                HttpResponse<Stream<String>> response =
                    api.http.send(req, HttpResponse.BodyHandlers.ofLines());
                if (response.statusCode() != 200) {
                  connected.completeExceptionally(
                      new IllegalStateException(
                          "the recommendation stream answered HTTP " + response.statusCode()));
                  return;
                }
                connected.complete(null);
                lines = response.body();
                Iterator<String> it = lines.iterator();
                while (it.hasNext()) {
                  String line = it.next();
                  if (line.startsWith("data:")) {
                    long now = System.nanoTime();
                    listener.accept(parse(line.substring(5).trim(), now));
                  }
                }
              } catch (Exception e) {
                if (!closed) {
                  connected.completeExceptionally(e);
                  System.err.println("bench: the recommendation stream ended: " + e);
                }
              }
            },
            "bench-sse");
    reader.setDaemon(true);
    reader.start();
  }

  /** Waits until the stream's headers arrived (the report flushes them at once). */
  void awaitConnected(long seconds) throws Exception {
    connected.get(seconds, TimeUnit.SECONDS);
  }

  void listen(Consumer<Event> listener) {
    this.listener = listener;
  }

  static Event parse(String json, long now) {
    return new Event(
        string(json, "systemId"),
        number(json, "revision"),
        string(json, "assessmentId"),
        string(json, "trigger"),
        json.contains("\"complete\":true"),
        now);
  }

  static String string(String json, String field) {
    String key = "\"" + field + "\":\"";
    int i = json.indexOf(key);
    if (i < 0) {
      return null;
    }
    int start = i + key.length();
    int end = json.indexOf('"', start);
    return end < 0 ? null : json.substring(start, end);
  }

  static long number(String json, String field) {
    String key = "\"" + field + "\":";
    int i = json.indexOf(key);
    if (i < 0) {
      return -1;
    }
    int p = i + key.length();
    long v = 0;
    while (p < json.length() && Character.isDigit(json.charAt(p))) {
      v = v * 10 + (json.charAt(p++) - '0');
    }
    return v;
  }

  @Override
  public void close() {
    closed = true;
    Stream<String> l = lines;
    if (l != null) {
      l.close();
    }
    reader.interrupt();
  }
}
