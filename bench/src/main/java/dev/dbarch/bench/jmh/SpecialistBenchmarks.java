package dev.dbarch.bench.jmh;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.intake.assessment.RequirementsReader;
import dev.dbarch.intake.assessment.SchemaScripts;
import dev.dbarch.migration.rules.MigrationRules;
import dev.dbarch.performance.rules.PerformanceRules;
import dev.dbarch.resilience.rules.ResilienceRules;
import dev.dbarch.security.rules.SecurityRules;
import dev.dbarch.selection.rules.SelectionRules;
import dev.dbarch.workload.WorkloadThresholds;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Each specialist's rules on the brief's three situations (examples/*.yaml), read and validated the
 * way intake reads them: the CPU one section costs per assessment, without Kafka or JSON.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SpecialistBenchmarks {

  /** The repository root, where examples/ lives; ./dbarch bench passes it. */
  public static final String ROOT_PROPERTY = "dbarch.bench.root";

  @Param({"ecommerce", "peak-slowdown", "oracle-to-postgres"})
  public String situation;

  private AssessmentRequested request;

  @Setup
  public void read() {
    request = situation(Path.of(System.getProperty(ROOT_PROPERTY, ".")), situation);
  }

  /** The request intake would publish for {@code examples/<name>.yaml}. */
  public static AssessmentRequested situation(Path root, String name) {
    Validator validator =
        Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();
    try {
      byte[] yaml = Files.readAllBytes(root.resolve("examples").resolve(name + ".yaml"));
      Requirements requirements =
          RequirementsReader.read(
              yaml, MediaType.valueOf("application/yaml"), 1_048_576, validator);
      return new AssessmentRequested(
          "bench",
          "assessment-" + name,
          requirements.systemId(),
          Trigger.SUBMITTED,
          Instant.parse("2026-01-01T00:00:00Z"),
          requirements,
          SchemaScripts.parse(requirements.schema()).context());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Benchmark
  public SectionVerdict selection() {
    return SelectionRules.assess(request);
  }

  @Benchmark
  public SectionVerdict performance() {
    return PerformanceRules.assess(request, WorkloadThresholds.DEFAULTS);
  }

  @Benchmark
  public SectionVerdict resilience() {
    return ResilienceRules.assess(request);
  }

  @Benchmark
  public SectionVerdict security() {
    return SecurityRules.assess(request);
  }

  @Benchmark
  public SectionVerdict migration() {
    return MigrationRules.assess(request);
  }
}
