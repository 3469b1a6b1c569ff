package dev.dbarch.report.document;

import dev.dbarch.contracts.events.Change;
import dev.dbarch.contracts.events.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What changed between two revisions, decision by decision and finding by finding. */
public final class RevisionDiff {

  private RevisionDiff() {}

  public static List<Change> between(Fingerprint before, Fingerprint after) {
    List<Change> changes = new ArrayList<>();
    for (Map.Entry<String, String> entry : after.decisions().entrySet()) {
      String earlier = before.decisions().get(entry.getKey());
      String[] key = entry.getKey().split("\\|", 3);
      if (earlier == null) {
        changes.add(decision(Change.Kind.DECISION_ADDED, key, null, entry.getValue()));
      } else if (!Objects.equals(earlier, entry.getValue())) {
        changes.add(decision(Change.Kind.DECISION_CHANGED, key, earlier, entry.getValue()));
      }
    }
    for (Map.Entry<String, String> entry : before.decisions().entrySet()) {
      if (!after.decisions().containsKey(entry.getKey())) {
        changes.add(decision(Change.Kind.DECISION_REMOVED, entry.getKey().split("\\|", 3), entry.getValue(), null));
      }
    }
    for (Map.Entry<String, String> entry : after.findings().entrySet()) {
      if (!before.findings().containsKey(entry.getKey())) {
        changes.add(finding(Change.Kind.FINDING_NEW, entry.getKey(), entry.getValue()));
      }
    }
    for (Map.Entry<String, String> entry : before.findings().entrySet()) {
      if (!after.findings().containsKey(entry.getKey())) {
        changes.add(finding(Change.Kind.FINDING_RESOLVED, entry.getKey(), entry.getValue()));
      }
    }
    return changes;
  }

  private static Change decision(Change.Kind kind, String[] key, String before, String after) {
    return new Change(kind, Section.valueOf(key[0]), key[1], key[2], before, after);
  }

  private static Change finding(Change.Kind kind, String key, String text) {
    String ruleId = key.substring(0, key.indexOf('|'));
    return new Change(kind, null, ruleId, text, null, null);
  }
}
