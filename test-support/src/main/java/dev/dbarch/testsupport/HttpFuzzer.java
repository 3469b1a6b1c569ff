package dev.dbarch.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Sends generated requests at a running service, from a fixed seed: endpoints' methods and others,
 * their paths with odd segments and junk paths, tokens of each role and bad ones, odd {@code
 * Accept} and {@code Content-Type} headers, bodies from valid documents to binary junk. Every
 * answer must be below 500, and every error a problem+json body that names no internal class or
 * parser feature. A violation names the request's number, so the seed reproduces it.
 *
 * <pre>{@code
 * HttpFuzzer.Result result = new HttpFuzzer(URI.create("http://localhost:" + port), 42)
 *     .endpoint("POST", "/api/v1/assessments")
 *     .tokens(List.of(TestTokens.token("submitter"), TestTokens.token("viewer")))
 *     .run(10_000);
 * assertThat(result.violations()).isEmpty();
 * }</pre>
 */
public final class HttpFuzzer {

  /** An endpoint: a method and a path whose {@code {name}} segments are filled in. */
  public record Endpoint(String method, String path) {}

  /** What the run saw: answers by status, and every violation. */
  public record Result(int requests, Map<Integer, Integer> byStatus, List<String> violations) {

    /** A table for the test log: one line per status (0: a path the client cannot send). */
    public String table() {
      StringBuilder table = new StringBuilder("status  count\n");
      byStatus.forEach((status, count) -> table.append(String.format("%6d  %5d%n", status, count)));
      return table
          .append(String.format("total   %5d, violations %d", requests, violations.size()))
          .toString();
    }
  }

  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
  private static final String[] ACCEPTS = {
    null,
    "",
    "*/*",
    "application/json",
    "application/problem+json",
    "text/csv",
    "text/html",
    "application/yaml",
    "garbage;;q=x",
    "text/markdown",
    "application/json;q=0, */*;q=0.1"
  };
  private static final String[] CONTENT_TYPES = {
    null,
    "application/json",
    "application/yaml",
    "text/yaml",
    "text/plain",
    "application/json; charset=utf-16",
    "multipart/form-data; boundary=x",
    "application/x-www-form-urlencoded",
    "garbage",
    "application/xml"
  };
  private static final String[] SEGMENTS = {
    "shop",
    "a",
    "x-1",
    "does-not-exist",
    "UPPER",
    "%20",
    "..",
    "%2e%2e",
    "%00",
    "%ff%fe",
    "a%2Fb",
    "%E6%BC%A2",
    "-1",
    "0",
    "99999999999999999999",
    "1.5",
    "null",
    "%7B%7D",
    "x".repeat(300)
  };
  private static final String[] JUNK_PATHS = {
    "/",
    "/api",
    "/api/v1",
    "/api/v2/assessments",
    "/q",
    "/q/nothing",
    "/api/v1/assessments/x/y/z",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/api/v1//assessments",
    "/index.html",
    "/favicon.ico",
    "/api/v1/assessments;jsessionid=1",
    "/api/v1/systems?page=-1&size=99999999"
  };
  private static final String[] BODIES = {
    "{\"systemId\":\"fuzz\",\"name\":\"Fuzz\"}",
    "{\"systemId\":\"fuzz\",\"name\":\"Fuzz\",\"accessPatterns\":[null]}",
    "{\"systemId\":\"fuzz\",\"name\":\"Fuzz\",\"compliance\":{\"sensitiveFields\":[null,\"\"]}}",
    "{\"systemId\":\"fuzz\",\"name\":\"Fuzz\",\"workload\":{\"peakQps\":\"many\"}}",
    "{\"systemId\":[1,2],\"name\":{}}",
    "{\"systemId\":\"fuzz\"",
    "[]",
    "null",
    "\"text\"",
    "12",
    "{}",
    "systemId: fuzz\nname: Fuzz\n",
    "systemId: [unclosed\n",
    "!!java.lang.Runtime {}",
    "&a [*a]",
    "{\"ddl\":\"CREATE TABLE t (a int);\",\"dialect\":\"POSTGRESQL\"}",
    "{\"systemId\":\"fuzz\",\"host\":\"127.0.0.1\",\"port\":1,\"database\":\"d\",\"user\":\"u\"}",
    "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
    ""
  };

  private final URI base;
  private final long seed;
  private final List<Endpoint> endpoints = new ArrayList<>();
  private List<String> tokens = List.of();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public HttpFuzzer(URI base, long seed) {
    this.base = base;
    this.seed = seed;
  }

  public HttpFuzzer endpoint(String method, String path) {
    endpoints.add(new Endpoint(method, path));
    return this;
  }

  /** Valid tokens to use besides none and bad ones: one per role, say. */
  public HttpFuzzer tokens(List<String> tokens) {
    this.tokens = List.copyOf(tokens);
    return this;
  }

  public Result run(int requests) {
    if (endpoints.isEmpty()) {
      throw new IllegalStateException("No endpoint to fuzz");
    }
    Random random = new Random(seed);
    Map<Integer, Integer> byStatus = new TreeMap<>();
    List<String> violations = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
      String method =
          random.nextInt(10) < 7 ? endpoint.method() : METHODS[random.nextInt(METHODS.length)];
      String path = path(random, endpoint);
      HttpRequest.Builder request;
      try {
        // Appended, not resolved: a path starting with "//" must stay a path, not an authority.
        request =
            HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(30));
      } catch (IllegalArgumentException unsendable) {
        byStatus.merge(0, 1, Integer::sum);
        continue;
      }
      String token = token(random);
      if (token != null) {
        request.header("Authorization", token);
      }
      String accept = ACCEPTS[random.nextInt(ACCEPTS.length)];
      if (accept != null) {
        request.header("Accept", accept);
      }
      String contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      if (random.nextInt(5) == 0) {
        request.header(
            "Idempotency-Key", random.nextBoolean() ? "k" + random.nextInt(50) : "bad key");
      }
      if (random.nextInt(10) == 0) {
        request.header("X-Fuzz", "v".repeat(random.nextInt(4000)));
      }
      byte[] body = body(random, method);
      request.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
      String described =
          "#"
              + i
              + " "
              + method
              + " "
              + path
              + (body == null ? "" : " (" + contentType + ", body " + preview(body) + ")");
      try {
        HttpResponse<String> response =
            client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        byStatus.merge(status, 1, Integer::sum);
        check(described, path, status, response, violations);
      } catch (IOException e) {
        violations.add(described + ": no answer (" + e.getClass().getSimpleName() + ")");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return new Result(requests, byStatus, violations);
  }

  private static void check(
      String described,
      String path,
      int status,
      HttpResponse<String> response,
      List<String> violations) {
    boolean health = path.startsWith("/q/health");
    if (status >= 500 && !(health && status == 503)) {
      violations.add(described + ": " + status + " " + abbreviate(response.body()));
      return;
    }
    if (status < 400) {
      return;
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (health && status == 503) {
      return;
    }
    if (!type.startsWith("application/problem+json")) {
      violations.add(described + ": " + status + " with Content-Type '" + type + "'");
      return;
    }
    String body = response.body();
    for (String internal :
        List.of(
            "dev.dbarch.", "io.quarkus", "Exception", "JsonToken", "com.fasterxml", "org.yaml")) {
      if (body.contains(internal)) {
        violations.add(
            described + ": " + status + " names '" + internal + "': " + abbreviate(body));
        return;
      }
    }
  }

  /** The start of a request body, printable, so a violation shows what was sent. */
  private static String preview(byte[] body) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(body.length, 40); i++) {
      int b = body[i] & 0xff;
      out.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
    }
    return out + (body.length > 40 ? "… (" + body.length + " bytes)" : "");
  }

  private static String abbreviate(String body) {
    return body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }

  private String path(Random random, Endpoint endpoint) {
    int choice = random.nextInt(10);
    if (choice == 0) {
      return JUNK_PATHS[random.nextInt(JUNK_PATHS.length)];
    }
    String path = endpoint.path();
    while (path.contains("{")) {
      int start = path.indexOf('{');
      int end = path.indexOf('}', start);
      path =
          path.substring(0, start)
              + SEGMENTS[random.nextInt(SEGMENTS.length)]
              + path.substring(end + 1);
    }
    if (choice == 1) {
      path += "/" + SEGMENTS[random.nextInt(SEGMENTS.length)];
    } else if (choice == 2) {
      path +=
          "?page="
              + (random.nextInt(2000) - 1000)
              + "&size="
              + SEGMENTS[random.nextInt(SEGMENTS.length)];
    } else if (choice == 3) {
      path += "?from=" + SEGMENTS[random.nextInt(SEGMENTS.length)] + "&to=x";
    }
    return path;
  }

  private String token(Random random) {
    int choice = random.nextInt(10);
    if (choice < 6 && !tokens.isEmpty()) {
      return "Bearer " + tokens.get(random.nextInt(tokens.size()));
    }
    return switch (choice) {
      case 6 -> null;
      case 7 -> "Bearer not.a.token";
      case 8 -> "Basic dXNlcjpwYXNz";
      default -> "Bearer " + "e".repeat(random.nextInt(3000));
    };
  }

  private static byte[] body(Random random, String method) {
    if (!method.equals("POST") && !method.equals("PUT") && !method.equals("PATCH")) {
      return random.nextInt(20) == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : null;
    }
    int choice = random.nextInt(10);
    if (choice == 0) {
      byte[] junk = new byte[random.nextInt(4096)];
      random.nextBytes(junk);
      return junk;
    }
    if (choice == 1) {
      return ("{\"systemId\":\"fuzz\",\"name\":\"" + "n".repeat(random.nextInt(300_000)) + "\"}")
          .getBytes(StandardCharsets.UTF_8);
    }
    return BODIES[random.nextInt(BODIES.length)].getBytes(StandardCharsets.UTF_8);
  }
}
