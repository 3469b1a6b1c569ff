package dev.dbarch.report.document;

import dev.dbarch.contracts.events.Change;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What changed between two revisions, decision by decision and finding by finding. */
public final class RevisionDiff {

  private RevisionDiff() {}

  /**
   * A decision that carries typed values in both revisions changed when those values differ;
   * rewording its prose is no change. A decision without typed values on either side (a v2
   * revision, or one that fixes nothing of the vocabulary) is compared by its choice.
   */
  public static List<Change> between(Fingerprint before, Fingerprint after) {
    List<Change> changes = new ArrayList<>();
    for (Map.Entry<String, String> entry : after.decisions().entrySet()) {
      String key = entry.getKey();
      String earlier = before.decisions().get(key);
      Design typedBefore = before.designs().get(key);
      Design typedAfter = after.designs().get(key);
      String[] parts = key.split("\\|", 3);
      if (earlier == null) {
        changes.add(
            decision(Change.Kind.DECISION_ADDED, parts, null, entry.getValue(), null, typedAfter));
        continue;
      }
      boolean changed =
          typedBefore != null && typedAfter != null
              ? !typedBefore.equals(typedAfter)
              : !Objects.equals(earlier, entry.getValue());
      if (changed) {
        changes.add(
            decision(
                Change.Kind.DECISION_CHANGED,
                parts,
                earlier,
                entry.getValue(),
                typedBefore,
                typedAfter));
      }
    }
    for (Map.Entry<String, String> entry : before.decisions().entrySet()) {
      if (!after.decisions().containsKey(entry.getKey())) {
        changes.add(
            decision(
                Change.Kind.DECISION_REMOVED,
                entry.getKey().split("\\|", 3),
                entry.getValue(),
                null,
                before.designs().get(entry.getKey()),
                null));
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

  /**
   * Names, for each new or resolved finding, the DDL statement that touched its table: the first
   * statement naming the table's unqualified name.
   */
  public static List<Change> withCauses(List<Change> changes, List<String> ddl) {
    return withCauses(changes, ddl, List.of());
  }

  /**
   * As {@link #withCauses(List, List)}, but a new finding raised by a DDL statement (a risk
   * carrying its typed statement) names that statement.
   */
  public static List<Change> withCauses(List<Change> changes, List<String> ddl, List<Risk> risks) {
    if (ddl == null || ddl.isEmpty()) {
      return changes;
    }
    return changes.stream()
        .map(
            c -> {
              if (c.kind() == Change.Kind.FINDING_NEW) {
                Optional<Risk> typed =
                    risks.stream()
                        .filter(
                            r ->
                                r.statement() != null
                                    && r.ruleId().equals(c.ruleId())
                                    && r.risk().equals(c.subject()))
                        .findFirst();
                if (typed.isPresent()) {
                  return c.withCause(typed.get().statement().statement());
                }
              }
              return c.kind() == Change.Kind.FINDING_NEW || c.kind() == Change.Kind.FINDING_RESOLVED
                  ? causeOf(c, ddl)
                  : c;
            })
        .toList();
  }

  private static Change causeOf(Change change, List<String> ddl) {
    String subject = change.subject() == null ? "" : change.subject();
    int colon = subject.indexOf(':');
    String table = colon < 0 ? "" : subject.substring(0, colon);
    String[] parts = table.split("\\.");
    if (parts.length < 2) {
      return change;
    }
    String name = parts[1].toLowerCase(java.util.Locale.ROOT);
    java.util.regex.Pattern word =
        java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(name) + "\\b");
    return ddl.stream()
        .filter(statement -> word.matcher(statement.toLowerCase(java.util.Locale.ROOT)).find())
        .findFirst()
        .map(change::withCause)
        .orElse(change);
  }

  private static Change decision(
      Change.Kind kind,
      String[] key,
      String before,
      String after,
      Design designBefore,
      Design designAfter) {
    return new Change(
        kind,
        Section.valueOf(key[0]),
        key[1],
        key[2],
        before,
        after,
        null,
        designBefore,
        designAfter);
  }

  private static Change finding(Change.Kind kind, String key, String text) {
    String ruleId = key.substring(0, key.indexOf('|'));
    return new Change(kind, null, ruleId, text, null, null, null);
  }
}
