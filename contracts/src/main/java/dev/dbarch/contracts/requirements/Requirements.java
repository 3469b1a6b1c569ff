package dev.dbarch.contracts.requirements;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a team tells dbarch about its system. Every field but {@code systemId} and {@code name} is
 * optional: a missing fact becomes an explicit assumption and a question in the report, never a
 * silent default.
 */
public record Requirements(
    @NotBlank
        @Size(max = 64)
        @Pattern(
            regexp = "[a-z0-9][a-z0-9-]*",
            message =
                "must be lower-case letters, digits and dashes, starting with a letter or digit")
        String systemId,
    @NotBlank @Size(max = 200) String name,
    @Size(max = 4000) String description,
    @Valid Workload workload,
    @Valid Scale scale,
    @Valid DataShape dataShape,
    @Valid Consistency consistency,
    @Valid Latency latency,
    @Valid Availability availability,
    @Valid Compliance compliance,
    @Valid Platform platform,
    @Size(max = 200) List<@NotNull @Valid AccessPattern> accessPatterns,
    @Valid CurrentState currentState,
    @Valid Diagnostics diagnostics,
    @Valid SchemaSource schema) {

  /** A document with nothing but its identity: every other fact unknown. */
  public static Requirements named(String systemId, String name) {
    return new Requirements(
        systemId, name, null, null, null, null, null, null, null, null, null, null, null, null,
        null);
  }
}
