package dev.dbarch.specialist.rules;

import dev.dbarch.contracts.events.Alternative;
import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.events.Assumption;
import dev.dbarch.contracts.events.Decision;
import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.events.IndexSuggestion;
import dev.dbarch.contracts.events.Risk;
import dev.dbarch.contracts.events.Section;
import dev.dbarch.contracts.events.SectionVerdict;
import dev.dbarch.contracts.rules.RuleBook;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects what a section's rules decide, in the order they decide it, and assembles the verdict. A
 * fact a rule needs but the request lacks is recorded with {@link #assume}: the assumption and its
 * question always travel together.
 */
public final class VerdictBuilder {

  private final AssessmentRequested request;
  private final Section section;
  private final RuleBook book;
  private final List<Decision> decisions = new ArrayList<>();
  private final List<IndexSuggestion> indexes = new ArrayList<>();
  private final List<Risk> risks = new ArrayList<>();
  private final List<Alternative> alternatives = new ArrayList<>();
  private final List<Assumption> assumptions = new ArrayList<>();
  private final Set<String> questions = new LinkedHashSet<>();

  /** A builder that takes any rule id; for sections whose rules are not registered yet. */
  public VerdictBuilder(AssessmentRequested request, Section section) {
    this(request, section, null);
  }

  /**
   * A builder that refuses a rule id missing from {@code book}: a rule that is not registered is
   * not catalogued or tested either, and must not reach a reader.
   */
  public VerdictBuilder(AssessmentRequested request, Section section, RuleBook book) {
    this.request = request;
    this.section = section;
    this.book = book;
  }

  private String registered(String ruleId) {
    return book == null ? ruleId : book.require(ruleId);
  }

  public VerdictBuilder decide(
      String ruleId,
      Heading heading,
      String topic,
      String choice,
      Map<String, String> facts,
      String rationale,
      String tradeOff) {
    decisions.add(
        new Decision(registered(ruleId), heading, topic, choice, facts, rationale, tradeOff));
    return this;
  }

  /**
   * Attaches typed values to the decision just made: what it fixes of the design, which the report
   * and the other services read instead of its prose.
   */
  public VerdictBuilder typed(Design design) {
    if (decisions.isEmpty()) {
      throw new IllegalStateException("typed values need a decision to attach to");
    }
    int last = decisions.size() - 1;
    Decision decision = decisions.get(last);
    decisions.set(
        last,
        decision.withDesign(decision.design() == null ? design : decision.design().merge(design)));
    return this;
  }

  /**
   * Attaches typed values to the latest decision on {@code topic} (a choice announced by one rule
   * and refined by later ones); does nothing when no decision has that topic.
   */
  public VerdictBuilder typed(String topic, Design design) {
    for (int i = decisions.size() - 1; i >= 0; i--) {
      Decision decision = decisions.get(i);
      if (topic.equals(decision.topic())) {
        decisions.set(
            i,
            decision.withDesign(
                decision.design() == null ? design : decision.design().merge(design)));
        return this;
      }
    }
    return this;
  }

  /** The typed values decided so far, merged in decision order. */
  public Design design() {
    Design merged = Design.NONE;
    for (Decision decision : decisions) {
      merged = merged.merge(decision.design());
    }
    return merged;
  }

  public VerdictBuilder index(IndexSuggestion index) {
    registered(index.ruleId());
    indexes.add(index);
    return this;
  }

  public VerdictBuilder risk(
      String ruleId, String risk, Risk.Level likelihood, Risk.Level impact, String mitigation) {
    risks.add(new Risk(registered(ruleId), risk, likelihood, impact, mitigation));
    return this;
  }

  /** A risk built elsewhere (for instance one carrying a typed statement). */
  public VerdictBuilder risk(Risk risk) {
    registered(risk.ruleId());
    risks.add(risk);
    return this;
  }

  public VerdictBuilder alternative(
      String approach, String pros, String cons, String whyNotChosen) {
    alternatives.add(new Alternative(approach, pros, cons, whyNotChosen));
    return this;
  }

  /** Records that {@code fact} was missing, what the rule assumed instead, and what to ask. */
  public VerdictBuilder assume(String ruleId, String fact, String assumed, String question) {
    return assume(ruleId, null, fact, assumed, question);
  }

  /**
   * Records that {@code fact}, which is {@code about} in the shared vocabulary, was missing, what
   * the rule assumed instead, and what to ask. A second assumption about the same fact (for a
   * {@linkplain Assumption.About#perSubject() per-subject} fact, with the same text) is dropped
   * with its question: the section assumes a fact once.
   */
  public VerdictBuilder assume(
      String ruleId, Assumption.About about, String fact, String assumed, String question) {
    registered(ruleId);
    boolean alreadyAssumed =
        assumptions.stream()
            .anyMatch(
                a ->
                    about != null && !about.perSubject()
                        ? a.about() == about
                        : a.fact().equals(fact) && a.assumed().equals(assumed));
    if (!alreadyAssumed) {
      assumptions.add(new Assumption(ruleId, fact, assumed, question, about));
      questions.add(question);
    } else if (about == null || about.perSubject()) {
      questions.add(question);
    }
    return this;
  }

  public VerdictBuilder ask(String question) {
    questions.add(question);
    return this;
  }

  public SectionVerdict build() {
    return new SectionVerdict(
        request.tenant(),
        request.assessmentId(),
        request.systemId(),
        request.requirements().name(),
        request.trigger(),
        section,
        decisions,
        indexes,
        risks,
        alternatives,
        assumptions,
        List.copyOf(questions));
  }
}
