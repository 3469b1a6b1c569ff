package dev.dbarch.intake.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Every error the HTTP layer itself produces, before JAX-RS or inside it, is problem+json without
 * internal names; big bodies are refused from their Content-Length, before they are read.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class HttpErrorsTest {

  private static final String PROBLEM = "application/problem+json";
  private static final String SUBMITTER = TestTokens.token("submitter");
  private static final int TEN_MIB = 10 * 1024 * 1024;

  /** Just over intake's body limit (33 MiB: a 5,000-table DDL script fits under it). */
  private static final int OVER_THE_LIMIT = 34 * 1024 * 1024;

  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  private static void assertProblem(Response response, int status) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith(PROBLEM);
    assertThat(response.asString())
        .contains("\"status\":" + status)
        .doesNotContain("dev.dbarch", "io.quarkus", "Exception", "JsonToken", "jakarta.");
  }

  @Test
  void unknownPathsInsideAndOutsideTheApiAre404Problems() {
    assertProblem(given().get("/api/v1/nothing-here"), 404);
    assertProblem(given().get("/nothing-at-all"), 404);
    assertProblem(given().get("/q/nothing"), 404);
  }

  @Test
  void wrongMethodIs405Problem() {
    assertProblem(given().auth().oauth2(SUBMITTER).delete("/api/v1/assessments"), 405);
  }

  @Test
  void unacceptableMediaTypeIs406ProblemAndAnEmptyAcceptIsNoAcceptAtAll() {
    Response csv =
        given()
            .auth()
            .oauth2(SUBMITTER)
            .header("Accept", "text/csv")
            .contentType("application/json")
            .body("{\"systemId\":\"x\",\"name\":\"y\"}")
            .post("/api/v1/assessments");
    assertThat(csv.statusCode()).isEqualTo(406);
    assertThat(csv.contentType()).startsWith(PROBLEM);

    Response empty =
        given()
            .auth()
            .oauth2(SUBMITTER)
            .header("Accept", "")
            .contentType("application/json")
            .body("{\"systemId\":\"empty-accept\",\"name\":\"y\"}")
            .post("/api/v1/assessments");
    assertThat(empty.statusCode()).as(empty.asString()).isEqualTo(202);
  }

  @Test
  void unsupportedMediaTypeIs415Problem() {
    assertProblem(
        given()
            .auth()
            .oauth2(SUBMITTER)
            .contentType("text/plain")
            .body("x")
            .post("/api/v1/assessments"),
        415);
  }

  @Test
  void malformedJsonNamesLineAndColumnButNoParserInternals() {
    Response response =
        given()
            .auth()
            .oauth2(SUBMITTER)
            .contentType("application/json")
            .body("{\"systemId\": \"x\",\n \"name\": \"y\"")
            .post("/api/v1/assessments");
    assertProblem(response, 400);
    assertThat(response.asString()).contains("line 2").doesNotContain("START_ARRAY", "Source");
  }

  @Test
  void tooLongUriIs414ProblemAndTooLargeHeadersAre431Problem() {
    assertProblem(given().get("/api/v1/assessments?q=" + "a".repeat(10_000)), 414);
    assertProblem(given().header("X-Padding", "b".repeat(20_000)).get("/q/health/live"), 431);
  }

  @Test
  void aBodyOverTheLimitIsRefusedFromItsContentLengthBeforeItIsSent() throws IOException {
    // Only the headers are sent: the answer must come without the body ever being read.
    String answer = rawPost(OVER_THE_LIMIT, false);
    assertThat(answer).startsWith("HTTP/1.1 413").contains(PROBLEM).contains("\"status\":413");
  }

  @Test
  void aChunkedBodyIsA411ProblemBeforeItIsRead() throws IOException {
    // Over the limit or not, a body of unknown length is refused up front: past the limit
    // RESTEasy Reactive would otherwise end the response with a bare 413 of its own.
    for (int size : new int[] {64 * 1024, OVER_THE_LIMIT}) {
      String answer = rawPost(size, true);
      assertThat(answer).startsWith("HTTP/1.1 411").contains(PROBLEM).contains("\"status\":411");
      assertThat(answer).contains("Content-Length").doesNotContain("dev.dbarch", "Exception");
    }
  }

  @Test
  void thirtyTwoConcurrentTenMibPostsShareABoundedBudgetAndLeaveTheHeapAlone() throws Exception {
    // Each body is under the limit, so each could be read; the bodies-in-flight budget (66 MiB)
    // admits a few at a time and answers the rest 503 with Retry-After before reading them.
    var memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long before = memory.getHeapMemoryUsage().getUsed();
    long peak = before;
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<String> answers = new ArrayList<>();
    try {
      List<Future<String>> pending = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        pending.add(pool.submit(() -> rawPostWithBody(TEN_MIB)));
      }
      for (Future<String> answer : pending) {
        answers.add(answer.get());
        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> statuses = answers.stream().map(a -> a.lines().findFirst().orElse("")).toList();
    long refused = statuses.stream().filter(s -> s.startsWith("HTTP/1.1 503")).count();
    // Admitted bodies are garbage, so they end as a 400 problem; none may be a 500.
    assertThat(statuses).allSatisfy(s -> assertThat(s).matches("HTTP/1\\.1 (503|4\\d\\d) .*"));
    assertThat(refused).as("refused by the budget").isPositive();
    assertThat(answers)
        .filteredOn(a -> a.startsWith("HTTP/1.1 503"))
        .allSatisfy(a -> assertThat(a).containsIgnoringCase("Retry-After: 1").contains(PROBLEM));
    System.out.printf(
        "big bodies: 32 concurrent 10 MiB POSTs, %d refused by the budget, %d read; heap used %d"
            + " MiB before, %d MiB at the highest sample (test JVM, the service in it)%n",
        refused, 32 - refused, before >> 20, peak >> 20);
    given().get("/q/health/live").then().statusCode(200);
  }

  /** Sends headers (and, chunked, up to {@code size} body bytes); returns what came back. */
  private String rawPost(int size, boolean chunked) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String headers =
          "POST /api/v1/assessments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
              + SUBMITTER
              + "\r\nContent-Type: application/json\r\n"
              + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n")
              + "\r\n";
      out.write(headers.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      if (chunked) {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        try {
          for (int sent = 0; sent < size; sent += chunk.length) {
            out.write(
                (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException closedByServer) {
          // The server may close the connection as soon as the limit is passed.
        }
      }
      return readAnswer(socket.getInputStream());
    }
  }

  /** Sends a whole body of {@code size} bytes with its Content-Length, as a careless client. */
  private String rawPostWithBody(int size) throws IOException, InterruptedException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      String headers =
          "POST /api/v1/assessments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
              + SUBMITTER
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + size
              + "\r\n\r\n";
      out.write(headers.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // The body goes out on its own thread while the answer is read, as a careless client keeps
      // sending after the server has answered.
      Thread writer =
          new Thread(
              () -> {
                byte[] block = new byte[256 * 1024];
                try {
                  for (int sent = 0; sent < size; sent += block.length) {
                    out.write(block);
                  }
                  out.flush();
                } catch (IOException closedByServer) {
                  // Refused early: the server closed the connection while the body was coming.
                }
              });
      writer.start();
      String answer = readAnswer(socket.getInputStream());
      socket.close();
      writer.join(10_000);
      return answer;
    }
  }

  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int read;
    try {
      while ((read = in.read(buffer)) > 0) {
        answer.write(buffer, 0, read);
        String text = answer.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end >= 0 && text.substring(end + 4).contains("}")) {
          break;
        }
      }
    } catch (IOException reset) {
      // The server closed the connection after answering: what was read is the answer.
    }
    return answer.toString(StandardCharsets.UTF_8);
  }
}
