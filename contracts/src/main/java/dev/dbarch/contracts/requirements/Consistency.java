package dev.dbarch.contracts.requirements;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/** Strong or eventual consistency, overall and per area (for example inventory vs catalog). */
public record Consistency(Level level, Map<@NotBlank String, @NotNull Level> perArea) {

  public enum Level {
    STRONG,
    EVENTUAL
  }
}
