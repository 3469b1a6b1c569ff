package dev.dbarch.resilience.rules;

import static dev.dbarch.resilience.rules.Requests.assess;
import static dev.dbarch.testsupport.VerdictChecks.decision;
import static dev.dbarch.testsupport.VerdictChecks.fired;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.testsupport.VerdictChecks;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ResilienceRulesTest {

  @Nested
  class SeedSituations {

    @Test
    void ecommercePlatformIsTierOneWithAsyncReplicationAndManagedFailover() {
      SectionVerdict verdict =
          assess(
              """
              availability: {rtoMinutes: 60, rpoSeconds: 60, automaticFailover: true}
              platform: {cloud: AWS, managedPreferred: true}
              """);

      assertThat(decision(verdict, "RES-TIER-001").choice())
          .isEqualTo(
              "Tier 1 (critical): built for RPO under 1 min and RTO under 1 h (targets: RPO 1 min,"
                  + " RTO 1 h)");
      assertThat(decision(verdict, "RES-REPL-002").choice()).contains("half the RPO of 1 min");
      assertThat(decision(verdict, "RES-FAILOVER-001").choice())
          .isEqualTo(
              "Automated failover with Amazon RDS Multi-AZ (failover in about one to two minutes)");
      assertThat(decision(verdict, "RES-BACKUP-001").choice())
          .contains("kept 35 days")
          .contains("second region");
      assertThat(decision(verdict, "RES-DRILL-001").choice()).contains("every quarter");
      assertThat(VerdictChecks.assumption(verdict, "multi-region").ruleId())
          .isEqualTo("RES-GEO-001");
    }

    @Test
    void oracleMigrationWithZeroRpoReplicatesSynchronously() {
      SectionVerdict verdict =
          assess("availability: {rtoMinutes: 30, rpoSeconds: 0, automaticFailover: true}\n");

      assertThat(fired(verdict))
          .contains("RES-TIER-001", "RES-REPL-001", "RES-FAILOVER-001")
          .doesNotContain("RES-REPL-002");
      assertThat(decision(verdict, "RES-REPL-001").rationale()).contains("No committed write");
    }

    @Test
    void everyDecisionIsExplainedUnderTheOneHeading() {
      SectionVerdict verdict = assess("availability: {rtoMinutes: 30, rpoSeconds: 0}\n");

      for (Decision d : verdict.decisions()) {
        assertThat(d.heading()).isEqualTo(Heading.HIGH_AVAILABILITY_AND_DR);
        assertThat(d.ruleId()).startsWith("RES-");
        assertThat(d.rationale()).isNotBlank();
        assertThat(d.tradeOff()).isNotBlank();
      }
    }

    @Test
    void aBareRequestAssumesTierTwoAndAsks() {
      SectionVerdict verdict = assess("");

      assertThat(fired(verdict)).contains("RES-TIER-002", "RES-REPL-002", "RES-FAILOVER-002");
      assertThat(VerdictChecks.assumedFacts(verdict))
          .containsExactly(
              "recovery point objective (RPO)",
              "recovery time objective (RTO)",
              "automatic failover",
              "multi-region");
      assertThat(verdict.questions()).hasSize(4);
    }

    @Test
    void theSameInputGivesByteIdenticalVerdicts() {
      String input =
          "availability: {rtoMinutes: 5, rpoSeconds: 0, multiRegion: true}\nlatency: {p99WriteMs: 5}\n";
      assertThat(Json.toJson(assess(input))).isEqualTo(Json.toJson(assess(input)));
    }
  }

  @Nested
  class Tiers {

    @Test
    void anHourOfLossAndFourHoursOfOutageIsTierTwo() {
      assertThat(fired(assess("availability: {rtoMinutes: 240, rpoSeconds: 3600}\n")))
          .contains("RES-TIER-002")
          .doesNotContain("RES-TIER-001", "RES-TIER-003");
    }

    @Test
    void aSecondLessThanAnHourOfLossIsTierOne() {
      assertThat(fired(assess("availability: {rtoMinutes: 240, rpoSeconds: 3599}\n")))
          .contains("RES-TIER-001")
          .doesNotContain("RES-TIER-002");
    }

    @Test
    void aDayOfLossAndOutageIsTierThree() {
      SectionVerdict verdict = assess("availability: {rtoMinutes: 1440, rpoSeconds: 86400}\n");

      assertThat(fired(verdict)).contains("RES-TIER-003").doesNotContain("RES-TIER-002");
    }

    @Test
    void aMinuteLessThanADayOfOutageIsTierTwo() {
      assertThat(fired(assess("availability: {rtoMinutes: 1439, rpoSeconds: 86400}\n")))
          .contains("RES-TIER-002")
          .doesNotContain("RES-TIER-003");
    }
  }

  @Nested
  class Replication {

    @Test
    void underAMinuteOfLossAndFiveMinutesOfOutageIsSynchronous() {
      assertThat(fired(assess("availability: {rtoMinutes: 4, rpoSeconds: 30}\n")))
          .contains("RES-REPL-001")
          .doesNotContain("RES-REPL-002");
    }

    @Test
    void fiveMinutesOfOutageAllowsAsynchronous() {
      assertThat(fired(assess("availability: {rtoMinutes: 5, rpoSeconds: 30}\n")))
          .contains("RES-REPL-002")
          .doesNotContain("RES-REPL-001");
    }
  }

  @Nested
  class Failover {

    @Test
    void aRequestedAutomaticFailoverIsManagedHa() {
      SectionVerdict verdict =
          assess(
              "availability: {rtoMinutes: 60, automaticFailover: true}\nplatform: {cloud: GCP}\n");

      assertThat(decision(verdict, "RES-FAILOVER-001").choice())
          .contains("Cloud SQL high availability");
    }

    @Test
    void anRtoUnderFiveMinutesForcesAutomationEvenIfNotAsked() {
      assertThat(fired(assess("availability: {rtoMinutes: 4, automaticFailover: false}\n")))
          .contains("RES-FAILOVER-001")
          .doesNotContain("RES-FAILOVER-002");
    }

    @Test
    void aRelaxedRtoWithoutAutomationIsAManualRunbook() {
      SectionVerdict verdict = assess("availability: {rtoMinutes: 60, automaticFailover: false}\n");

      assertThat(fired(verdict)).contains("RES-FAILOVER-002").doesNotContain("RES-FAILOVER-001");
      assertThat(VerdictChecks.assumedFacts(verdict)).doesNotContain("automatic failover");
    }
  }

  @Nested
  class MultiRegion {

    @Test
    void awsWithARecoveryPointAboveZeroUsesAuroraGlobal() {
      SectionVerdict verdict =
          assess("availability: {multiRegion: true, rpoSeconds: 1}\nplatform: {cloud: AWS}\n");

      assertThat(decision(verdict, "RES-GEO-001").choice()).startsWith("Aurora Global Database");
      assertThat(decision(verdict, "RES-GEO-001").tradeOff()).contains("40-60 ms");
    }

    @Test
    void zeroLossAcrossRegionsUsesCockroachDb() {
      SectionVerdict verdict =
          assess(
              """
              availability: {multiRegion: true, rpoSeconds: 0}
              latency: {p99WriteMs: 200}
              platform: {cloud: AWS}
              """);

      assertThat(decision(verdict, "RES-GEO-001").choice()).startsWith("CockroachDB");
      assertThat(verdict.risks()).isEmpty();
    }

    @Test
    void oneRegionHasNoTopologyDecision() {
      SectionVerdict verdict = assess("availability: {multiRegion: false}\n");

      assertThat(fired(verdict)).doesNotContain("RES-GEO-001", "RES-GEO-002");
      assertThat(VerdictChecks.assumedFacts(verdict)).doesNotContain("multi-region");
    }

    @Test
    void zeroLossAcrossRegionsCannotMeetAFiveMillisecondWrite() {
      SectionVerdict verdict =
          assess(
              """
              availability: {multiRegion: true, rpoSeconds: 0}
              latency: {p99WriteMs: 5}
              """);

      assertThat(verdict.risks())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.ruleId()).isEqualTo("RES-GEO-002");
                assertThat(r.likelihood()).isEqualTo(Risk.Level.HIGH);
                assertThat(r.risk()).contains("p99 write target of 5 ms");
              });
    }

    @Test
    void aWriteTargetInsideTheRoundTripIsStillLikelyToMiss() {
      SectionVerdict verdict =
          assess("availability: {multiRegion: true, rpoSeconds: 0}\nlatency: {p99WriteMs: 50}\n");

      assertThat(verdict.risks()).extracting(Risk::likelihood).containsExactly(Risk.Level.MEDIUM);
    }

    @Test
    void aWriteTargetAboveTheRoundTripOrSomeLossIsNoRisk() {
      assertThat(
              fired(
                  assess(
                      "availability: {multiRegion: true, rpoSeconds: 0}\nlatency: {p99WriteMs: 60}\n")))
          .doesNotContain("RES-GEO-002");
      assertThat(
              fired(
                  assess(
                      "availability: {multiRegion: true, rpoSeconds: 1}\nlatency: {p99WriteMs: 5}\n")))
          .doesNotContain("RES-GEO-002");
    }

    @Test
    void aMissingWriteTargetIsAskedWhenItMatters() {
      SectionVerdict verdict = assess("availability: {multiRegion: true, rpoSeconds: 0}\n");

      assertThat(VerdictChecks.assumption(verdict, "p99 write latency target").ruleId())
          .isEqualTo("RES-GEO-002");
    }

    @Test
    void residencyKeepsReplicasAndBackupsInside() {
      SectionVerdict verdict =
          assess("availability: {multiRegion: true, dataResidency: [eu-west-1, eu-central-1]}\n");

      assertThat(decision(verdict, "RES-GEO-003").choice())
          .startsWith(
              "Place every replica, backup and snapshot copy inside eu-west-1, eu-central-1");
      assertThat(fired(assess("availability: {multiRegion: true}\n")))
          .doesNotContain("RES-GEO-003");
    }
  }

  @Nested
  class BackupsAndDrills {

    @Test
    void anythingBelowADayOfLossGetsContinuousBackup() {
      SectionVerdict verdict = assess("availability: {rtoMinutes: 240, rpoSeconds: 86399}\n");

      assertThat(decision(verdict, "RES-BACKUP-001").choice()).contains("kept 14 days");
      assertThat(fired(verdict)).doesNotContain("RES-BACKUP-002");
    }

    @Test
    void aDayOfLossIsDailySnapshotsWithoutDrills() {
      SectionVerdict verdict = assess("availability: {rtoMinutes: 2880, rpoSeconds: 86400}\n");

      assertThat(decision(verdict, "RES-BACKUP-002").choice())
          .isEqualTo("Daily snapshots kept 7 days; test a restore once a year");
      assertThat(fired(verdict)).doesNotContain("RES-BACKUP-001", "RES-DRILL-001");
    }
  }

  @Nested
  class SelfRunHighAvailability {

    @Test
    void tierOneOnPremisesWithLittleOpsExperienceIsARisk() {
      SectionVerdict verdict =
          assess(
              """
              availability: {rtoMinutes: 30, rpoSeconds: 10}
              platform: {cloud: ON_PREM, opsExpertise: LOW}
              """);

      assertThat(verdict.risks())
          .extracting(Risk::ruleId)
          .containsExactly("RES-OPS-001", "RES-RISK-001", "RES-LAG-001");
      assertThat(decision(verdict, "RES-FAILOVER-002").choice()).contains("runbook");
    }

    @Test
    void aSeasonedTeamOrATierTwoSystemIsNoRisk() {
      assertThat(
              fired(
                  assess(
                      "availability: {rtoMinutes: 30, rpoSeconds: 10}\nplatform: {cloud: ON_PREM, opsExpertise: HIGH}\n")))
          .doesNotContain("RES-OPS-001");
      assertThat(
              fired(
                  assess(
                      "availability: {rtoMinutes: 240, rpoSeconds: 3600}\nplatform: {cloud: ON_PREM, opsExpertise: LOW}\n")))
          .doesNotContain("RES-OPS-001");
    }

    @Test
    void unknownExpertiseIsAskedAbout() {
      SectionVerdict verdict =
          assess(
              "availability: {rtoMinutes: 30, rpoSeconds: 10}\nplatform: {managedPreferred: false}\n");

      assertThat(VerdictChecks.assumption(verdict, "operations expertise").ruleId())
          .isEqualTo("RES-OPS-001");
    }
  }
}
