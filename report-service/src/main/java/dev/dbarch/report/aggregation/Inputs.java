package dev.dbarch.report.aggregation;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.SectionVerdict;

/** Reads the report service's inputs; the exception message becomes the dead-letter reason. */
final class Inputs {

  private Inputs() {}

  static AssessmentRequested request(String key, String value) {
    AssessmentRequested request = read(value, AssessmentRequested.class, "an assessment request");
    checkKey(key, request.tenant(), request.systemId());
    return request;
  }

  static SectionVerdict verdict(String key, String value) {
    SectionVerdict verdict = read(value, SectionVerdict.class, "a section verdict");
    checkKey(key, verdict.tenant(), verdict.systemId());
    if (verdict.trigger() == null) {
      throw new Unreadable("report-service: verdict has no trigger");
    }
    return verdict;
  }

  private static <T> T read(String value, Class<T> type, String what) {
    if (value == null || value.isBlank()) {
      throw new Unreadable("report-service: empty value");
    }
    try {
      return Json.mapper().readValue(value, type);
    } catch (JsonProcessingException e) {
      throw new Unreadable(
          "report-service: not "
              + what
              + ": "
              + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
  }

  /**
   * The key must name the record's tenant and system: one tenant's record never lands in another's
   * state.
   */
  private static void checkKey(String key, String tenant, String systemId) {
    SystemKey system;
    try {
      system = SystemKey.of(tenant, systemId);
    } catch (IllegalArgumentException e) {
      throw new Unreadable("report-service: " + e.getMessage());
    }
    if (key == null || !system.isKeyOf(key)) {
      throw new Unreadable("report-service: key '" + key + "' differs from '" + system + "'");
    }
  }

  static final class Unreadable extends RuntimeException {
    Unreadable(String message) {
      super(message, null, false, false);
    }
  }
}
