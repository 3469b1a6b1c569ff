package dev.dbarch.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Assumption.About;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.requirements.Requirements;
import org.junit.jupiter.api.Test;

/** The v4 contract: an assumption names its fact from a closed vocabulary; v3 ones still read. */
class TypedAssumptionsTest {

  private static Requirements yaml(String body) throws Exception {
    return Json.yaml().readValue("systemId: s\nname: S\n" + body, Requirements.class);
  }

  @Test
  void aVersionThreeVerdictReadsWithAssumptionsWithoutAbout() throws Exception {
    String v3 =
        "{\"assessmentId\":\"a-1\",\"systemId\":\"shop\",\"section\":\"RESILIENCE\","
            + "\"assumptions\":[{\"ruleId\":\"RES-GEO-001\",\"fact\":\"multi-region\","
            + "\"assumed\":\"one region\",\"question\":\"Must it survive a region?\"}]}";

    SectionVerdict verdict = Json.mapper().readValue(v3, SectionVerdict.class);

    assertThat(verdict.assumptions())
        .singleElement()
        .satisfies(a -> assertThat(a.about()).isNull());
  }

  @Test
  void aboutRoundTripsByName() throws Exception {
    Assumption assumption = new Assumption("R-1", "cloud provider", "none", "Which?", About.CLOUD);

    String json = Json.toJson(assumption);

    assertThat(json).contains("\"about\":\"CLOUD\"");
    assertThat(Json.mapper().readValue(json, Assumption.class)).isEqualTo(assumption);
  }

  @Test
  void aFactIsStatedOnlyWhenItsFieldIsGiven() throws Exception {
    assertThat(About.MULTI_REGION.stated(yaml("availability: {multiRegion: false}"))).isTrue();
    assertThat(About.MULTI_REGION.stated(yaml("availability: {rpoSeconds: 5}"))).isFalse();
    assertThat(About.DATA_VOLUME.stated(yaml("scale: {dataVolumeGbIn12Months: 5}"))).isTrue();
    assertThat(About.DATA_VOLUME.stated(yaml("scale: {ordersPerDay: 5}"))).isFalse();
    // An empty list of regimes is an answer (none apply); an empty list of fields is not.
    assertThat(About.COMPLIANCE_REGIMES.stated(yaml("compliance: {regimes: []}"))).isTrue();
    assertThat(About.SENSITIVE_FIELDS.stated(yaml("compliance: {sensitiveFields: []}"))).isFalse();
    assertThat(About.VECTOR_COUNT.stated(yaml("dataShape: {embeddings: true}"))).isFalse();
  }

  @Test
  void onlyTheEngineTheTargetAndACloudAreDecided() {
    Design postgresOnAws =
        Design.engine(Design.Engine.POSTGRESQL, "17")
            .withHosting(Design.Hosting.MANAGED, Design.Cloud.AWS);
    assertThat(About.ENGINE.decided(postgresOnAws)).isTrue();
    assertThat(About.TARGET_PLATFORM.decided(postgresOnAws)).isTrue();
    assertThat(About.CLOUD.decided(postgresOnAws)).isTrue();
    assertThat(
            About.CLOUD.decided(Design.NONE.withHosting(Design.Hosting.MANAGED, Design.Cloud.ANY)))
        .isFalse();
    assertThat(About.RPO.decided(Design.tier(1))).isFalse();
    assertThat(About.ENGINE.decided(null)).isFalse();
  }
}
