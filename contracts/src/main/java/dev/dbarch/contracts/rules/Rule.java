package dev.dbarch.contracts.rules;

import dev.dbarch.contracts.events.Heading;
import java.util.Objects;

/**
 * One registered rule: what a reader of the catalogue needs to know about it, held by the code that
 * emits it. {@code decides} is the catalogue's text for the rule (the second column of its row in
 * {@code docs/rules/*.md}, checked both ways by each module's catalogue test); {@code appliesWhen}
 * says in a phrase which facts make it speak.
 *
 * @param id the stable id ({@code PERF-POOL-001}); never reused for another meaning
 * @param heading the document heading its output lands under
 * @param decides what it decides or reports, as the catalogue row says it
 * @param appliesWhen when it applies: the facts and the threshold it turns on
 */
public record Rule(String id, Heading heading, String decides, String appliesWhen) {

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(heading, "heading");
    if (!id.matches("[A-Z]+(-[A-Z0-9]+)+-\\d{3}")) {
      throw new IllegalArgumentException("rule id " + id + " is not of the form AREA-TOPIC-000");
    }
    if (decides == null || decides.isBlank() || appliesWhen == null || appliesWhen.isBlank()) {
      throw new IllegalArgumentException("rule " + id + " needs what it decides and when");
    }
  }
}
