package dev.dbarch.contracts.requirements;

import java.util.Map;

/** Strong or eventual consistency, overall and per area (for example inventory vs catalog). */
public record Consistency(Level level, Map<String, Level> perArea) {

  public enum Level {
    STRONG,
    EVENTUAL
  }
}
