package dev.dbarch.report.aggregation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.TokenFilter;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.SectionVerdict;
import java.io.IOException;
import java.util.Map;

/** Reads the report service's inputs; the exception message becomes the dead-letter reason. */
final class Inputs {

  private Inputs() {}

  static AssessmentRequested request(String key, String value) {
    AssessmentRequested request = readRequest(value);
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

  /**
   * The request without what only the specialists use: the catalog snapshot's tables, the findings
   * and the uploaded DDL script are skipped while parsing. A 5,000-table request is some 40 MB of
   * JSON; kept whole it would cost the report most of its heap, and the script would be copied into
   * the system's state entry on every verdict. The report needs only the requirements' facts and a
   * captured change.
   */
  private static AssessmentRequested readRequest(String value) {
    if (value == null || value.isBlank()) {
      throw new Unreadable("report-service: empty value");
    }
    try (JsonParser parser =
        new FilteringParserDelegate(
            Json.mapper().createParser(value),
            WithoutBulk.ROOT,
            TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH,
            true)) {
      return Json.mapper().readValue(parser, AssessmentRequested.class);
    } catch (JsonProcessingException e) {
      throw new Unreadable(
          "report-service: not an assessment request: "
              + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new Unreadable("report-service: not an assessment request: " + e.getMessage());
    }
  }

  /** The parts of an assessment request {@link #readRequest} skips, by path. */
  private static final class WithoutBulk extends TokenFilter {

    private static final TokenFilter EXCLUDE =
        new ScalarOnly(); // a marker: never handed to the parser
    private static final TokenFilter SCALAR = new ScalarOnly();

    static final TokenFilter ROOT =
        new WithoutBulk(
            Map.of(
                "schema",
                new WithoutBulk(
                    Map.of(
                        "snapshot", new WithoutBulk(Map.of(), true),
                        "findings", EXCLUDE,
                        "unsupportedStatements", EXCLUDE),
                    false),
                "requirements",
                new WithoutBulk(
                    Map.of("schema", new WithoutBulk(Map.of("ddl", EXCLUDE), false)), false)),
            false);

    private final Map<String, TokenFilter> properties;
    private final boolean scalarsOnly;

    private WithoutBulk(Map<String, TokenFilter> properties, boolean scalarsOnly) {
      this.properties = properties;
      this.scalarsOnly = scalarsOnly;
    }

    @Override
    public TokenFilter includeProperty(String name) {
      TokenFilter filter = properties.get(name);
      if (filter == EXCLUDE) {
        return null;
      }
      if (filter != null) {
        return filter;
      }
      return scalarsOnly ? SCALAR : TokenFilter.INCLUDE_ALL;
    }
  }

  /** Takes a scalar value and leaves out an object or an array. */
  private static final class ScalarOnly extends TokenFilter {
    @Override
    public TokenFilter filterStartObject() {
      return null;
    }

    @Override
    public TokenFilter filterStartArray() {
      return null;
    }
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
