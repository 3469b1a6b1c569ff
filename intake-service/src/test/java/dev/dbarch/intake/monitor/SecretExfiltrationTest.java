package dev.dbarch.intake.monitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.dbarch.testsupport.KafkaTestResource;
import dev.dbarch.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The attack of issue 8, as a test: a fake PostgreSQL server that asks for the password in clear
 * and records every byte it receives. Registering monitors whose password reference is out of
 * scope, or whose host is denied, must be refused with 400 before any socket is opened: the
 * listener receives nothing. The positive control (an in-scope reference to an allowed host)
 * reaches the listener with the password, which proves the listener would have seen a leak.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretExfiltrationTest {

  static final String PASSWORD = "exfil-" + UUID.randomUUID();
  static FakePostgres fake;
  static Path secret;
  static Path escape;
  static int tenants;

  @BeforeAll
  static void start() throws IOException {
    fake = new FakePostgres();
    secret = TestSecrets.file("exfiltration.password", PASSWORD);
    escape = TestSecrets.DIR.resolve("escape-link");
    Files.deleteIfExists(escape);
    Files.createSymbolicLink(escape, Path.of("/etc/hostname"));
  }

  @AfterAll
  static void stop() throws IOException {
    fake.close();
    Files.deleteIfExists(escape);
    Files.deleteIfExists(secret);
  }

  private static io.restassured.response.ValidatableResponse register(String host, String ref) {
    return register(host, ref, "");
  }

  /** Each attempt as another tenant: the registration rate limit is per tenant. */
  private static io.restassured.response.ValidatableResponse register(
      String host, String ref, String more) {
    String admin = TestTokens.forTenant("exfil-" + tenants++, "admin");
    String body =
        """
        {"systemId":"exfil","engine":"POSTGRESQL","host":"%s","port":%d,"database":"postgres",
         "user":"postgres","passwordRef":"%s"%s}"""
            .formatted(host, fake.port(), ref, more);
    return given()
        .auth()
        .oauth2(admin)
        .contentType("application/json")
        .body(body)
        .post("/api/v1/monitors")
        .then();
  }

  @Test
  @Order(1)
  void outOfScopeReferencesAreRefusedBeforeAnyConnection() {
    for (String ref :
        List.of(
            "file:/proc/self/environ",
            "file:/etc/hostname",
            "file:../x",
            "file:" + TestSecrets.DIR + "/../intake-test.log",
            "file:" + escape,
            "file:escape-link",
            "env:PATH",
            "env:HOME",
            "env:KAFKA_BOOTSTRAP_SERVERS",
            "hunter2")) {
      register("127.0.0.1", ref)
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", hasItem("passwordRef"))
          .body(not(containsString("Exception")));
    }
    assertThat(fake.connections()).as("connections to the fake server").isZero();
    assertThat(fake.received()).as("bytes the fake server received").isEmpty();
  }

  @Test
  @Order(2)
  void deniedHostsAreRefusedBeforeAnyConnection() {
    for (String host :
        List.of(
            "169.254.169.254",
            "169.254.0.1",
            "metadata.google.internal",
            "fe80::1",
            "fd00:ec2::254",
            "::ffff:169.254.169.254",
            "0.0.0.0",
            "10.66.1.2")) { // the test profile's deny list
      register(host, "file:" + secret)
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", hasItem("host"));
    }
    assertThat(fake.connections()).as("connections to the fake server").isZero();
    assertThat(fake.received()).as("bytes the fake server received").isEmpty();
  }

  @Test
  @Order(3)
  void outOfScopeCaReferencesAreRefusedBeforeAnyConnection() {
    for (String ref :
        List.of(
            "file:/etc/ssl/certs/ca-certificates.crt",
            "file:/proc/self/environ",
            "file:../x",
            "file:escape-link",
            "file:" + escape,
            "env:DBARCH_SECRET_CA",
            "env:PATH")) {
      register(
              "127.0.0.1",
              "file:exfiltration.password",
              ",\"tls\":{\"mode\":\"verify-full\",\"caRef\":\"" + ref + "\"}")
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", hasItem("tls.caRef"))
          .body(not(containsString("Exception")));
    }
    assertThat(fake.connections()).as("connections to the fake server").isZero();
    assertThat(fake.received()).as("bytes the fake server received").isEmpty();
  }

  @Test
  @Order(4)
  void positiveControlAnInScopeReferenceReachesTheServer() {
    register("127.0.0.1", "file:exfiltration.password")
        .statusCode(422)
        .body(not(containsString(PASSWORD)));
    assertThat(fake.connections()).isPositive();
    assertThat(new String(fake.received(), StandardCharsets.UTF_8)).contains(PASSWORD);
  }

  /**
   * Enough of the PostgreSQL protocol to be asked for a password: declines TLS, answers the startup
   * message with AuthenticationCleartextPassword, reads the password, then fails.
   */
  static final class FakePostgres implements AutoCloseable {

    private final ServerSocket server;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    FakePostgres() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor = new Thread(this::serve, "fake-postgres");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    int connections() {
      return connections.get();
    }

    byte[] received() {
      synchronized (received) {
        return received.toByteArray();
      }
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket socket = server.accept()) {
          connections.incrementAndGet();
          talk(socket);
        } catch (IOException e) {
          // closed, or the client hung up: go on listening
        }
      }
    }

    private void talk(Socket socket) throws IOException {
      DataInputStream in = new DataInputStream(new Recording(socket.getInputStream()));
      OutputStream out = socket.getOutputStream();
      while (true) {
        int length = in.readInt();
        int code = in.readInt();
        if (code == 80877103 || code == 80877104) { // SSLRequest, GSSENCRequest: declined
          out.write('N');
          out.flush();
          continue;
        }
        in.readNBytes(length - 8);
        break;
      }
      out.write(new byte[] {'R', 0, 0, 0, 8, 0, 0, 0, 3}); // AuthenticationCleartextPassword
      out.flush();
      in.readByte(); // 'p'
      int length = in.readInt();
      in.readNBytes(length - 4);
      byte[] fields =
          "SFATAL\0C28P01\0Mpassword authentication failed\0\0".getBytes(StandardCharsets.UTF_8);
      out.write('E');
      out.write(java.nio.ByteBuffer.allocate(4).putInt(fields.length + 4).array());
      out.write(fields);
      out.flush();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }

    /** Copies every byte read into {@link #received}. */
    private final class Recording extends FilterInputStream {
      Recording(InputStream in) {
        super(in);
      }

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          synchronized (received) {
            received.write(b);
          }
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          synchronized (received) {
            received.write(buffer, offset, n);
          }
        }
        return n;
      }
    }
  }
}
