package dev.dbarch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The suite's HTTP APIs as the bench calls them: intake (8080) and report (8086). */
final class Api implements AutoCloseable {

  final String intake;
  final String report;
  final String token;
  private final ExecutorService executor;
  final HttpClient http;

  Api(String intake, String report, String token) {
    this.intake = intake;
    this.report = report;
    this.token = token;
    // Callbacks only count answers; a few threads are enough and keep the client's CPU small.
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "bench-http");
              t.setDaemon(true);
              return t;
            });
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();
  }

  HttpRequest.Builder request(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token);
  }

  CompletableFuture<HttpResponse<String>> postAssessment(String json) {
    HttpRequest req =
        request(intake + "/api/v1/assessments")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(HttpRequest req) throws Exception {
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  /** Status of GET url (no token), 0 when nothing answers. */
  int probe(String url) {
    try {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
      return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return 0;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
