package dev.dbarch.specialist.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Trigger;
import dev.dbarch.contracts.requirements.Requirements;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What the shared adapter refuses, and the reason each dead letter will carry. */
class SpecialistProcessorReadTest {

  private static ConsumerRecord<String, String> record(String key, String value) {
    return new ConsumerRecord<>("dbarch.assessment-requests", 0, 42L, key, value);
  }

  private static String valid(String systemId) {
    return Json.toJson(
        new AssessmentRequested(
            "a-1", systemId, Trigger.SUBMITTED, Instant.EPOCH, Requirements.named(systemId, "S")));
  }

  @Test
  void readsAValidRequest() {
    assertThat(SpecialistProcessor.read(record("sys", valid("sys")), "x-service").assessmentId())
        .isEqualTo("a-1");
  }

  @Test
  void refusesEmptyValuesNamingTheServiceAndOffset() {
    assertThatThrownBy(() -> SpecialistProcessor.read(record("sys", null), "x-service"))
        .hasMessage("x-service: empty value at offset 42");
  }

  @Test
  void refusesWhatIsNotARequest() {
    assertThatThrownBy(() -> SpecialistProcessor.read(record("sys", "{\"hello\":1}"), "x-service"))
        .hasMessageStartingWith("x-service: not an assessment request:");
    assertThatThrownBy(() -> SpecialistProcessor.read(record("sys", "not json"), "x-service"))
        .hasMessageStartingWith("x-service: not an assessment request:");
  }

  @Test
  void refusesAKeyThatDisagreesWithTheSystemId() {
    assertThatThrownBy(() -> SpecialistProcessor.read(record("other", valid("sys")), "x-service"))
        .hasMessage("x-service: key 'other' differs from 'default/sys'");
  }

  @Test
  void readsATenantsRequestByItsTenantQualifiedKey() {
    String acme = tenantRequest("acme", "sys");
    assertThat(SpecialistProcessor.read(record("acme/sys", acme), "x-service").tenant())
        .isEqualTo("acme");
    assertThatThrownBy(() -> SpecialistProcessor.read(record("globex/sys", acme), "x-service"))
        .hasMessage("x-service: key 'globex/sys' differs from 'acme/sys'");
    assertThatThrownBy(() -> SpecialistProcessor.read(record("sys", acme), "x-service"))
        .as("a bare system id is only the key of a record written before tenants")
        .hasMessage("x-service: key 'sys' differs from 'acme/sys'");
  }

  @Test
  void aRequestWrittenBeforeTenantsIsTheDefaultTenants() {
    assertThat(SpecialistProcessor.read(record("sys", valid("sys")), "x-service").tenant())
        .isEqualTo("default");
    assertThat(SpecialistProcessor.read(record("default/sys", valid("sys")), "x-service"))
        .isNotNull();
  }

  private static String tenantRequest(String tenant, String systemId) {
    return Json.toJson(
        new AssessmentRequested(
            tenant,
            "a-2",
            systemId,
            Trigger.SUBMITTED,
            Instant.EPOCH,
            Requirements.named(systemId, "S"),
            null));
  }
}
