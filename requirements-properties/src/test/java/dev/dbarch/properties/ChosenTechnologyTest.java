package dev.dbarch.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.profile.ChosenTechnology;
import dev.dbarch.contracts.profile.SystemProfile;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.intake.assessment.RequirementsReader;
import dev.dbarch.intake.assessment.SchemaScripts;
import dev.dbarch.migration.rules.MigrationRules;
import dev.dbarch.performance.rules.PerformanceRules;
import dev.dbarch.resilience.rules.ResilienceRules;
import dev.dbarch.selection.rules.SelectionRules;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/**
 * Selection's choice of engine and hosting is the shared kernel's ({@link SystemProfile#chosen()}),
 * and the other sections follow it: for every example and for generated requirement documents,
 * selection's typed decision equals the kernel's, migration never asks which engine or platform the
 * data goes to, performance sizes the pool for the chosen hosting, and resilience's failover is the
 * chosen hosting's. A section that went back to a choice of its own fails here.
 */
class ChosenTechnologyTest {

  private static final int CASES = 300;

  private static final Validator VALIDATOR =
      Validation.byDefaultProvider()
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory()
          .getValidator();

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every example, the generated documents, and a few monitored databases of each engine. */
  static List<AssessmentRequested> requests() throws IOException {
    List<AssessmentRequested> requests = new ArrayList<>();
    try (Stream<Path> examples = Files.list(Path.of("..", "examples"))) {
      for (Path example : examples.sorted().toList()) {
        Requirements req = Json.yaml().readValue(example.toFile(), Requirements.class);
        requests.add(request(example.getFileName().toString(), req, null));
      }
    }
    for (long seed = 1; seed <= CASES; seed++) {
      var doc = new RequirementsGenerator(seed).document();
      Requirements req =
          RequirementsReader.read(
              JSON.writeValueAsBytes(doc), MediaType.APPLICATION_JSON_TYPE, 1_048_576, VALIDATOR);
      requests.add(request("seed " + seed, req, SchemaScripts.parse(req.schema()).context()));
    }
    String[][] live = {{"POSTGRESQL", "15.8"}, {"MYSQL", "8.0.36"}, {"MARIADB", "10.11.9-MariaDB"}};
    for (String[] db : live) {
      for (String yaml :
          List.of(
              "platform: {cloud: AWS}",
              "platform: {cloud: GCP, managedPreferred: false, opsExpertise: HIGH}",
              "dataShape: {hierarchical: true}\nplatform: {cloud: AZURE}")) {
        Requirements req =
            Json.yaml().readValue("systemId: s\nname: S\n" + yaml, Requirements.class);
        SchemaContext schema =
            new SchemaContext(
                new SchemaSnapshot(
                    SchemaSnapshot.Engine.valueOf(db[0]),
                    "catalog",
                    "shop",
                    List.of(),
                    List.of(),
                    db[1]),
                null,
                null,
                null);
        requests.add(request(db[0] + " " + yaml, req, schema));
      }
    }
    return requests;
  }

  private static AssessmentRequested request(String name, Requirements req, SchemaContext schema) {
    return new AssessmentRequested(
        SystemKey.DEFAULT_TENANT,
        name,
        req.systemId(),
        Trigger.SUBMITTED,
        Instant.parse("2026-01-01T00:00:00Z"),
        req,
        schema,
        null);
  }

  /** Engine, version, hosting and cloud: the part of a design the kernel chooses. */
  private static Design choice(Design d) {
    return Design.engine(d.engine(), d.engineVersion()).withHosting(d.hosting(), d.cloud());
  }

  /** The section's typed values merged in decision order, later ones refining earlier ones. */
  private static Design merged(SectionVerdict verdict) {
    Design all = Design.NONE;
    for (Decision d : verdict.decisions()) {
      all = all.merge(d.design());
    }
    return all;
  }

  @Test
  void selectionsTypedDecisionIsTheKernelsChoice() throws IOException {
    for (AssessmentRequested request : requests()) {
      Design kernel = choice(SystemProfile.of(request).chosenDesign());
      Design selection = choice(merged(SelectionRules.assess(request)));
      assertThat(selection).as(request.assessmentId()).isEqualTo(kernel);
      assertThat(kernel.engine()).as(request.assessmentId()).isNotNull();
      assertThat(kernel.hosting()).as(request.assessmentId()).isNotNull();
    }
  }

  @Test
  void migrationNeverAsksWhichEngineOrPlatformWhenOneIsChosen() throws IOException {
    for (AssessmentRequested request : requests()) {
      SectionVerdict migration = MigrationRules.assess(request);
      for (Assumption a : migration.assumptions()) {
        assertThat(a.fact())
            .as(request.assessmentId())
            .isNotIn("database engine", "target platform");
      }
      ChosenTechnology chosen = SystemProfile.of(request).chosen();
      migration.decisions().stream()
          .filter(d -> d.ruleId().equals("MIG-ONLINE-001"))
          .forEach(
              d -> {
                String engine = d.facts().get("engine");
                boolean declared =
                    request.requirements().currentState() != null
                        || SystemProfile.of(request).live().isPresent();
                if (!declared) {
                  assertThat(engine).as(request.assessmentId()).isEqualTo(chosen.product().label());
                }
                if (chosen.product().postgres() && !declared) {
                  assertThat(d.choice())
                      .contains("CREATE INDEX CONCURRENTLY")
                      .doesNotContain("gh-ost");
                }
              });
    }
  }

  @Test
  void performanceSizesThePoolForTheChosenHosting() throws IOException {
    for (AssessmentRequested request : requests()) {
      ChosenTechnology chosen = SystemProfile.of(request).chosen();
      SectionVerdict performance = PerformanceRules.assess(request);
      for (Assumption a : performance.assumptions()) {
        if (a.ruleId().equals("PERF-POOL-001")) {
          assertThat(a.fact()).as(request.assessmentId()).contains(chosen.service());
          assertThat(a.question()).as(request.assessmentId()).contains(chosen.service());
        }
      }
      for (Decision d : performance.decisions()) {
        if (d.ruleId().equals("PERF-POOL-001")) {
          assertThat(d.choice()).as(request.assessmentId()).contains(chosen.service());
        }
        Design.Pooler pooler = d.design() == null ? null : d.design().pooler();
        if (pooler == Design.Pooler.RDS_PROXY) {
          assertThat(chosen.cloud()).as(request.assessmentId()).isEqualTo(Design.Cloud.AWS);
          assertThat(chosen.hosting())
              .as(request.assessmentId())
              .isNotEqualTo(Design.Hosting.SELF_MANAGED);
        }
      }
    }
  }

  @Test
  void resilienceFailsOverTheWayTheChosenHostingDoes() throws IOException {
    for (AssessmentRequested request : requests()) {
      ChosenTechnology chosen = SystemProfile.of(request).chosen();
      SectionVerdict resilience = ResilienceRules.assess(request);
      for (Decision d : resilience.decisions()) {
        String text = d.choice().toLowerCase(Locale.ROOT);
        if (d.ruleId().equals("RES-FAILOVER-001")) {
          boolean selfManaged = chosen.hosting() == Design.Hosting.SELF_MANAGED;
          assertThat(text.contains("patroni") || text.contains("innodb cluster"))
              .as("%s: %s", request.assessmentId(), d.choice())
              .isEqualTo(selfManaged && (chosen.product().postgres() || chosen.product().mysql()));
          if (selfManaged) {
            assertThat(text).as(request.assessmentId()).doesNotContain("rds", "cloud sql");
          }
        }
        if (d.ruleId().equals("RES-GEO-001")) {
          assertThat(text.contains("aurora"))
              .as(request.assessmentId())
              .isEqualTo(chosen.product() == ChosenTechnology.Product.AURORA_GLOBAL);
        }
      }
    }
  }

  @Test
  void theEcommerceExampleNoLongerAsksForTheEngineOrSizesAnUnchosenServer() throws IOException {
    Requirements req =
        Json.yaml()
            .readValue(Path.of("..", "examples", "ecommerce.yaml").toFile(), Requirements.class);
    AssessmentRequested request = request("ecommerce", req, null);
    ChosenTechnology chosen = SystemProfile.of(request).chosen();
    assertThat(chosen.product()).isEqualTo(ChosenTechnology.Product.POSTGRESQL);
    assertThat(chosen.hosting()).isEqualTo(Design.Hosting.MANAGED);
    assertThat(chosen.cloud()).isEqualTo(Design.Cloud.AWS);
    assertThat(chosen.service()).isEqualTo("Amazon RDS for PostgreSQL");

    SectionVerdict migration = MigrationRules.assess(request);
    assertThat(migration.assumptions())
        .extracting(Assumption::fact)
        .doesNotContain("database engine");
    Decision online = decision(migration, "MIG-ONLINE-001");
    assertThat(online.facts()).containsEntry("engine", "PostgreSQL 17");
    assertThat(online.choice()).contains("CREATE INDEX CONCURRENTLY").doesNotContain("gh-ost");

    SectionVerdict performance = PerformanceRules.assess(request);
    assertThat(decision(performance, "PERF-POOL-001").choice())
        .isEqualTo(
            "Start the pool at 9 server connections: (4 cores x 2) + 1, on the chosen Amazon RDS"
                + " for PostgreSQL primary");
    assertThat(performance.assumptions())
        .filteredOn(a -> a.ruleId().equals("PERF-POOL-001"))
        .extracting(Assumption::question)
        .containsExactly(
            "Which instance class (how many vCPUs) will the Amazon RDS for PostgreSQL primary run"
                + " on?");
    Decision pooler = decision(performance, "PERF-POOL-002");
    assertThat(pooler.choice())
        .isEqualTo("Put one shared RDS Proxy between the containers and Amazon RDS for PostgreSQL");
    assertThat(Objects.requireNonNull(pooler.design()).pooler()).isEqualTo(Design.Pooler.RDS_PROXY);

    assertThat(decision(ResilienceRules.assess(request), "RES-FAILOVER-001").choice())
        .contains("Amazon RDS Multi-AZ");
  }

  private static Decision decision(SectionVerdict verdict, String ruleId) {
    return verdict.decisions().stream()
        .filter(d -> d.ruleId().equals(ruleId))
        .findFirst()
        .orElseThrow(() -> new AssertionError(ruleId + " not decided: " + verdict.decisions()));
  }
}
