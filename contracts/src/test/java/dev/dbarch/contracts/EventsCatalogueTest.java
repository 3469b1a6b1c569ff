package dev.dbarch.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Alternative;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Change;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.IdempotencyRecord;
import dev.dbarch.contracts.events.IndexSuggestion;
import dev.dbarch.contracts.events.LatestRequirements;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.SchemaChanged;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.kafka.EventType;
import dev.dbarch.contracts.kafka.Topics;
import dev.dbarch.contracts.monitor.MonitorRegistration;
import dev.dbarch.contracts.requirements.AccessPattern;
import dev.dbarch.contracts.requirements.Availability;
import dev.dbarch.contracts.requirements.Compliance;
import dev.dbarch.contracts.requirements.Consistency;
import dev.dbarch.contracts.requirements.CurrentState;
import dev.dbarch.contracts.requirements.DataShape;
import dev.dbarch.contracts.requirements.Diagnostics;
import dev.dbarch.contracts.requirements.Latency;
import dev.dbarch.contracts.requirements.Platform;
import dev.dbarch.contracts.requirements.QueryPlan;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.requirements.Scale;
import dev.dbarch.contracts.requirements.SchemaSource;
import dev.dbarch.contracts.requirements.ServerSettings;
import dev.dbarch.contracts.requirements.StatementStats;
import dev.dbarch.contracts.requirements.Workload;
import dev.dbarch.contracts.schema.SchemaChange;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.contracts.schema.SchemaDiff;
import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.workload.IndexAdvice;
import dev.dbarch.contracts.workload.WorkloadChange;
import dev.dbarch.contracts.workload.WorkloadContext;
import dev.dbarch.contracts.workload.WorkloadSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps docs/events.md honest: every topic, event type and field of the contracts is on it. */
class EventsCatalogueTest {

  private static String catalogue;

  @BeforeAll
  static void read() throws IOException {
    catalogue = Files.readString(Path.of("..", "docs", "events.md"));
  }

  @Test
  void everyTopicIsDocumented() {
    for (Topics.TopicSpec topic : Topics.ALL) {
      assertThat(catalogue).as(topic.name()).contains("`" + topic.name() + "`");
    }
  }

  @Test
  void everyEventTypeIsDocumentedWithItsVersion() {
    for (EventType type : EventType.values()) {
      assertThat(catalogue)
          .as(type.name())
          .contains("`" + type.ceType() + "`, v" + type.schemaVersion());
    }
  }

  @Test
  void everyFieldOfEveryContractIsDocumented() {
    List<Class<?>> records =
        List.of(
            AssessmentRequested.class,
            SectionVerdict.class,
            Decision.class,
            dev.dbarch.contracts.events.Design.class,
            IndexSuggestion.class,
            Risk.class,
            Alternative.class,
            Change.class,
            Assumption.class,
            Recommendation.class,
            IdempotencyRecord.class,
            LatestRequirements.class,
            Requirements.class,
            Workload.class,
            Scale.class,
            DataShape.class,
            Consistency.class,
            Latency.class,
            Availability.class,
            Compliance.class,
            Platform.class,
            AccessPattern.class,
            CurrentState.class,
            Diagnostics.class,
            SchemaSource.class,
            SchemaContext.class,
            SchemaSnapshot.class,
            SchemaSnapshot.Table.class,
            SchemaSnapshot.Column.class,
            SchemaSnapshot.UniqueConstraint.class,
            SchemaSnapshot.ForeignKey.class,
            SchemaSnapshot.Index.class,
            SchemaSnapshot.Sequence.class,
            SchemaSnapshot.Statistics.class,
            SchemaFinding.class,
            SchemaChange.class,
            dev.dbarch.contracts.schema.StatementRisk.class,
            dev.dbarch.contracts.schema.StatementRisk.TableLock.class,
            SchemaDiff.class,
            SchemaChanged.class,
            MonitorRegistration.class,
            MonitorRegistration.Tls.class,
            StatementStats.class,
            QueryPlan.class,
            ServerSettings.class,
            WorkloadContext.class,
            WorkloadChange.class,
            WorkloadSnapshot.class,
            WorkloadSnapshot.DatabaseActivity.class,
            WorkloadSnapshot.TableActivity.class,
            WorkloadSnapshot.IndexActivity.class,
            WorkloadSnapshot.Sessions.class,
            WorkloadSnapshot.Session.class,
            IndexAdvice.class);
    for (Class<?> type : records) {
      for (var component : type.getRecordComponents()) {
        assertThat(
                Pattern.compile("`" + component.getName() + "(\\[\\])?`").matcher(catalogue).find())
            .as("%s.%s is documented in docs/events.md", type.getSimpleName(), component.getName())
            .isTrue();
      }
    }
  }

  @Test
  void everyEnumValueOfTheRequirementsIsDocumented() {
    for (Class<?> type :
        List.of(
            Workload.WorkloadType.class,
            Consistency.Level.class,
            Platform.Cloud.class,
            Platform.Deployment.class,
            Compliance.Tenancy.class,
            Change.Kind.class,
            Trigger.class,
            WorkloadChange.Kind.class,
            dev.dbarch.contracts.events.Design.Engine.class,
            dev.dbarch.contracts.events.Design.Hosting.class,
            dev.dbarch.contracts.events.Design.Replication.class,
            dev.dbarch.contracts.events.Design.Pooler.class,
            dev.dbarch.contracts.events.Design.Partitioning.class,
            dev.dbarch.contracts.events.Design.MigrationMode.class)) {
      Arrays.stream(type.getEnumConstants())
          .map(Object::toString)
          .forEach(
              value ->
                  assertThat(catalogue).as(type.getSimpleName() + "." + value).contains(value));
    }
  }
}
