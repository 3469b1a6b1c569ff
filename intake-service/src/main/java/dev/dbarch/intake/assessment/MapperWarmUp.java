package dev.dbarch.intake.assessment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.IdempotencyRecord;
import dev.dbarch.contracts.events.LatestRequirements;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.intake.IntakeConfig;
import dev.dbarch.servicekit.problem.Problem;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Runs one submission's mapping work once at start-up, off the start-up path: reading a document as
 * YAML and as JSON (Jackson's introspection of the requirements model, SnakeYAML), validating it
 * (Hibernate Validator's metadata), parsing its DDL, writing the events a submission publishes and
 * the 202 body. Cold, that work made the first submission after start take seconds (the
 * introspection is per type and cached for the life of the mapper); warmed here it is paid before a
 * client waits for it. A well-formed token with a signature nobody made goes through the token
 * verifier too, which loads the verification key and the JOSE and RSA classes before the first
 * caller needs them; it is refused, so nothing of it is kept. {@code
 * dbarch.intake.warm-up.enabled=false} turns it off, to measure it.
 */
@ApplicationScoped
public class MapperWarmUp {

  private static final Logger LOG = Logger.getLogger(MapperWarmUp.class);
  static final String SAMPLE = "warm-up/requirements.yaml";

  @Inject IntakeConfig config;
  @Inject Validator validator;
  @Inject ObjectMapper restMapper;
  @Inject JWTParser tokens;

  private volatile boolean done;

  void start(@Observes StartupEvent event) {
    if (!config.warmUp().enabled()) {
      return;
    }
    Thread thread = new Thread(this::warm, "mapper-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  private void verifyAForgedToken() {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    long now = Instant.now().getEpochSecond();
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String claims =
        "{\"iss\":\"warm-up\",\"sub\":\"warm-up\",\"groups\":[],\"iat\":"
            + now
            + ",\"exp\":"
            + (now + 60)
            + "}";
    String forged =
        base64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8))
            + "."
            + base64.encodeToString(new byte[256]);
    try {
      tokens.parse(forged);
      LOG.warn("The token verifier accepted a token with a zero signature");
    } catch (ParseException expected) {
      // Refused, as it must be: the verifier is warm now.
    }
  }

  /** Whether the warm-up has run to its end. */
  public boolean done() {
    return done;
  }

  void warm() {
    long started = System.nanoTime();
    try (InputStream in = MapperWarmUp.class.getClassLoader().getResourceAsStream(SAMPLE)) {
      if (in == null) {
        throw new IOException(SAMPLE + " is not on the classpath");
      }
      byte[] yaml = in.readAllBytes();
      int max = Integer.MAX_VALUE;
      Requirements fromYaml =
          RequirementsReader.read(yaml, MediaType.valueOf("application/yaml"), max, validator);
      byte[] json = Json.toBytes(fromYaml);
      Requirements requirements =
          RequirementsReader.read(json, MediaType.APPLICATION_JSON_TYPE, max, validator);
      SchemaScripts.Parsed schema = SchemaScripts.parse(requirements.schema());
      SystemKey system = SystemKey.of("warm-up", requirements.systemId());
      AssessmentRequested request =
          new AssessmentRequested(
              system.tenant(),
              "00000000-0000-0000-0000-000000000000",
              requirements.systemId(),
              Trigger.SUBMITTED,
              Instant.now(),
              requirements,
              schema.context());
      Json.mapper().readValue(Json.toBytes(request), AssessmentRequested.class);
      Json.toBytes(LatestRequirements.of(system, requirements));
      Json.toBytes(
          new IdempotencyRecord(
              system.tenant(), requirements.systemId(), "warm-up", request.assessmentId(), ""));
      restMapper.writeValueAsBytes(
          new AssessmentResource.Accepted(
              request.assessmentId(),
              requirements.systemId(),
              config.reportBaseUrl(),
              List.of(),
              schema.ignored()));
      restMapper.writeValueAsBytes(Problem.of(400, "Invalid request", "warm-up", null));
      verifyAForgedToken();
      done = true;
      LOG.infof(
          "Warmed the mappers, validator and DDL parser in %d ms",
          (System.nanoTime() - started) / 1_000_000);
    } catch (IOException | RuntimeException e) {
      // Only speed is lost: the first submission does the work itself.
      LOG.warnf("Could not warm the mappers: %s", e.toString());
    }
  }
}
