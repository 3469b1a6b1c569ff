package dev.dbarch.workload.diagnosis;

import dev.dbarch.contracts.events.Risk;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What one diagnosis found about one subject (a table, a statement, the server). The risk text
 * names the subject and the problem but no measured number, so the same problem keeps the same text
 * from one revision to the next; the numbers travel in the facts and the arithmetic.
 *
 * @param subject the table, statement or setting concerned
 * @param risk the problem, in one sentence
 * @param fix the concrete change: SQL (an index, a rewrite, a setting; statements separated by
 *     {@code "; "}) or, where no SQL applies, a configuration in words
 * @param arithmetic the figures behind the finding, worked through
 * @param facts the measured values the finding used, by name
 * @param tradeOff what the fix costs
 */
public record Finding(
    String ruleId,
    String title,
    String subject,
    Risk.Level likelihood,
    Risk.Level impact,
    String risk,
    String fix,
    String arithmetic,
    Map<String, String> facts,
    String tradeOff) {

  public Finding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(fix, "fix");
    facts = facts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(facts));
  }

  private static final Pattern SQL =
      Pattern.compile("^(CREATE|ALTER|DROP|ANALYZE|SET|SELECT|WITH|UPDATE|DELETE)\\b");
  private static final Pattern NEXT_STATEMENT =
      Pattern.compile(";\\s+(?=(CREATE|ALTER|DROP|ANALYZE|SET|SELECT)\\b)");

  /** The statements of the fix when it is SQL, in order; empty for a fix in words. */
  public List<String> sql() {
    if (!SQL.matcher(fix).find()) {
      return List.of();
    }
    return Arrays.stream(NEXT_STATEMENT.split(fix)).map(String::strip).toList();
  }
}
