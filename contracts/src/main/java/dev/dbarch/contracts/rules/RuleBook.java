package dev.dbarch.contracts.rules;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules one part of dbarch may emit, registered once. A section's verdict builder refuses a
 * rule id that is not in its book, so an unregistered (and so uncatalogued, untested) rule fails
 * the first test that reaches it instead of reaching a reader. The catalogue tests hold each book
 * against its {@code docs/rules/*.md} file both ways, and the firing tests prove that every rule in
 * it fires on some input and stays silent on a near miss.
 */
public final class RuleBook {

  private final String name;
  private final Map<String, Rule> rules;

  private RuleBook(String name, Map<String, Rule> rules) {
    this.name = name;
    this.rules = rules;
  }

  /** A book of {@code rules}, in catalogue order; ids must be unique. */
  public static RuleBook of(String name, Collection<Rule> rules) {
    Map<String, Rule> byId = new LinkedHashMap<>();
    for (Rule rule : rules) {
      if (byId.put(rule.id(), rule) != null) {
        throw new IllegalArgumentException(name + " registers " + rule.id() + " twice");
      }
    }
    return new RuleBook(name, Collections.unmodifiableMap(byId));
  }

  public static RuleBook of(String name, Rule... rules) {
    return of(name, List.of(rules));
  }

  /** What the book covers ("performance", "report conflicts"), for messages. */
  public String name() {
    return name;
  }

  public List<Rule> rules() {
    return List.copyOf(rules.values());
  }

  public Set<String> ids() {
    return rules.keySet();
  }

  public boolean contains(String id) {
    return rules.containsKey(id);
  }

  public Optional<Rule> rule(String id) {
    return Optional.ofNullable(rules.get(id));
  }

  /**
   * {@code id}, once checked to be registered here.
   *
   * @throws IllegalStateException naming the id and the book when it is not
   */
  public String require(String id) {
    if (!rules.containsKey(id)) {
      throw new IllegalStateException(
          "rule " + id + " is not registered in the " + name + " rule book");
    }
    return id;
  }
}
