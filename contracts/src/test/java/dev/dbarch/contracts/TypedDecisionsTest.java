package dev.dbarch.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Change;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.Recommendation;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.kafka.EventType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The v3 contract, kept in v4: decisions carry typed values; v2 records, which have none, still
 * read.
 */
class TypedDecisionsTest {

  @Test
  void verdictsAndRecommendationsAreVersionFour() {
    assertThat(EventType.SECTION_VERDICT.dataSchema())
        .isEqualTo("urn:dbarch:schema:dev.dbarch.section.verdict:v4");
    assertThat(EventType.RECOMMENDATION.schemaVersion()).isEqualTo(4);
  }

  @Test
  void aVersionTwoVerdictReadsWithDecisionsWithoutTypedValues() throws Exception {
    String v2 =
        "{\"tenant\":\"acme\",\"assessmentId\":\"a-1\",\"systemId\":\"shop\",\"systemName\":\"Shop\","
            + "\"trigger\":\"SUBMITTED\",\"section\":\"SELECTION\",\"decisions\":[{\"ruleId\":"
            + "\"SEL-REL-001\",\"heading\":\"RECOMMENDED_TECHNOLOGY\",\"topic\":\"Primary database\","
            + "\"choice\":\"PostgreSQL 17\",\"facts\":{\"workload\":\"OLTP\"},\"rationale\":\"r\","
            + "\"tradeOff\":\"t\"}]}";

    SectionVerdict verdict = Json.mapper().readValue(v2, SectionVerdict.class);

    assertThat(verdict.decisions()).singleElement().satisfies(d -> assertThat(d.design()).isNull());
    assertThat(verdict.decisions().get(0).choice()).isEqualTo("PostgreSQL 17");
  }

  @Test
  void aVersionTwoRecommendationChangeReadsWithoutTypedValues() throws Exception {
    String v2 =
        "{\"tenant\":\"acme\",\"systemId\":\"shop\",\"assessmentId\":\"a-2\",\"revision\":2,"
            + "\"complete\":true,\"changes\":[{\"kind\":\"DECISION_CHANGED\",\"section\":\"SELECTION\","
            + "\"ruleId\":\"SEL-REL-001\",\"subject\":\"Primary database\",\"before\":\"MySQL 8.4 LTS\","
            + "\"after\":\"PostgreSQL 17\"}],\"markdown\":\"# x\"}";

    Recommendation rec = Json.mapper().readValue(v2, Recommendation.class);

    assertThat(rec.changes()).singleElement().satisfies(c -> assertThat(c.designAfter()).isNull());
  }

  @Test
  void typedValuesRoundTripAndLeaveUnsetValuesOut() throws Exception {
    Decision decision =
        new Decision(
            "SEL-HOST-001",
            Heading.RECOMMENDED_TECHNOLOGY,
            "Hosting",
            "Managed: Amazon RDS for PostgreSQL (Multi-AZ)",
            Map.of("cloud", "AWS"),
            "r",
            "t",
            Design.engine(Design.Engine.POSTGRESQL, "17")
                .withHosting(Design.Hosting.MANAGED, Design.Cloud.AWS));

    String json = Json.toJson(decision);

    assertThat(json)
        .contains(
            "\"design\":{\"engine\":\"POSTGRESQL\",\"engineVersion\":\"17\",\"hosting\":\"MANAGED\","
                + "\"cloud\":\"AWS\"}");
    assertThat(Json.mapper().readValue(json, Decision.class)).isEqualTo(decision);
  }

  @Test
  void anEmptyDesignIsNoDesign() {
    Decision decision =
        new Decision("X-1", Heading.SCHEMA_DESIGN, "t", "c", Map.of(), "r", "o", Design.NONE);
    assertThat(decision.design()).isNull();
    assertThat(Json.toJson(decision)).doesNotContain("design");
  }

  @Test
  void canonicalFormNamesOnlySetValuesInAStableOrder() {
    Design design =
        Design.pooler(Design.Pooler.PGBOUNCER).merge(Design.engine(Design.Engine.MYSQL, "8.4"));
    assertThat(design.canonical()).isEqualTo("engine=MYSQL, engineVersion=8.4, pooler=PGBOUNCER");
    Change change =
        new Change(
            Change.Kind.DECISION_CHANGED,
            Section.SELECTION,
            "SEL-REL-001",
            "Primary database",
            "a",
            "b",
            null,
            Design.engine(Design.Engine.MYSQL, "8.4"),
            Design.engine(Design.Engine.POSTGRESQL, "17"));
    assertThat(change.withCause("ALTER TABLE t").designAfter().engine())
        .isEqualTo(Design.Engine.POSTGRESQL);
  }
}
