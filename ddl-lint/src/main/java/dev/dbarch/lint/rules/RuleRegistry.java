package dev.dbarch.lint.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every migration rule, in catalogue order; ids are unique. */
public final class RuleRegistry {

  private final Map<String, MigrationRule> rules = new LinkedHashMap<>();

  public RuleRegistry(List<MigrationRule> all) {
    for (MigrationRule rule : all) {
      if (rules.put(rule.id(), rule) != null) {
        throw new IllegalArgumentException("duplicate rule id " + rule.id());
      }
    }
  }

  public static RuleRegistry standard() {
    List<MigrationRule> all = new ArrayList<>();
    all.addAll(IndexRules.all());
    all.addAll(ConstraintRules.all());
    all.addAll(ColumnRules.all());
    all.addAll(TypeRules.all());
    all.addAll(TableRules.all());
    all.addAll(TransactionRules.all());
    all.addAll(DataRules.all());
    all.addAll(VersionRules.all());
    all.addAll(MySqlRules.all());
    return new RuleRegistry(all);
  }

  public List<MigrationRule> rules() {
    return List.copyOf(rules.values());
  }

  public Set<String> ids() {
    return rules.keySet();
  }

  public MigrationRule byId(String id) {
    return rules.get(id);
  }
}
