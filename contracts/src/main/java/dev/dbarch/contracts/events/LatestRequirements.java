package dev.dbarch.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dbarch.contracts.Json;
import dev.dbarch.contracts.SystemKey;
import dev.dbarch.contracts.requirements.Requirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The requirements a tenant last submitted for a system, kept in the compacted requirements topic
 * (key {@code tenant/systemId}) so a schema change re-assesses the system against them.
 *
 * @param tenant the tenant that submitted them
 */
public record LatestRequirements(String tenant, String systemId, Requirements requirements) {

  public LatestRequirements {
    tenant = SystemKey.tenantOrDefault(tenant);
    Objects.requireNonNull(systemId, "systemId");
    Objects.requireNonNull(requirements, "requirements");
  }

  public static LatestRequirements of(SystemKey system, Requirements requirements) {
    return new LatestRequirements(system.tenant(), system.systemId(), requirements);
  }

  /**
   * Reads a record of the requirements topic: version 2 is this record; version 1 was the bare
   * {@link Requirements} document, which reads as the default tenant's.
   */
  public static LatestRequirements read(String json) {
    try {
      JsonNode tree = Json.mapper().readTree(json);
      if (tree.has("requirements")) {
        return Json.mapper().treeToValue(tree, LatestRequirements.class);
      }
      Requirements v1 = Json.mapper().treeToValue(tree, Requirements.class);
      return new LatestRequirements(SystemKey.DEFAULT_TENANT, v1.systemId(), v1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @JsonIgnore
  public SystemKey systemKey() {
    return SystemKey.of(tenant, systemId);
  }
}
