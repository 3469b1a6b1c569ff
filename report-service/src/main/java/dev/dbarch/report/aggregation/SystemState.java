package dev.dbarch.report.aggregation;

import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.events.Trigger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the report service remembers of one system, in a changelogged state store: the last revision
 * it published, the assessments still collecting verdicts, and the recently completed ones (so a
 * redelivered verdict is recognised and not published twice).
 */
public record SystemState(
    long lastRevision, Map<String, Pending> pending, List<String> recentlyCompleted) {

  public SystemState {
    pending = pending == null ? new LinkedHashMap<>() : new LinkedHashMap<>(pending);
    recentlyCompleted =
        recentlyCompleted == null ? new ArrayList<>() : new ArrayList<>(recentlyCompleted);
  }

  public static SystemState empty() {
    return new SystemState(0, null, null);
  }

  /** An assessment whose verdicts are still arriving. */
  public record Pending(String systemName, Trigger trigger, Map<Section, SectionVerdict> verdicts) {
    public Pending {
      Objects.requireNonNull(trigger, "trigger");
      EnumMap<Section, SectionVerdict> copy = new EnumMap<>(Section.class);
      if (verdicts != null) {
        copy.putAll(verdicts);
      }
      verdicts = copy;
    }
  }
}
