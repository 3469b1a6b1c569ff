package dev.dbarch.lint.classify;

import dev.dbarch.lint.sql.TypeName;
import java.util.Set;

/**
 * Which column type changes PostgreSQL makes without rewriting the table: those where the stored
 * bytes stay valid (binary coercible types, or a length or precision limit that only grows). Every
 * other change rewrites the table (and its indexes) under an ACCESS EXCLUSIVE lock.
 */
public final class TypeChanges {

  private static final Set<String> TEXT_LIKE = Set.of("varchar", "text");

  private TypeChanges() {}

  /** The outcome of changing a column's type. */
  public enum Outcome {
    /** Same bytes, catalog change only. */
    NO_REWRITE,
    /** Every row is rewritten. */
    REWRITE,
    /** The old type is not known (no catalog): assumed to rewrite. */
    UNKNOWN
  }

  public static Outcome postgres(TypeName from, TypeName to) {
    if (from == null || to == null) {
      return Outcome.UNKNOWN;
    }
    if (from.array() != to.array()) {
      return Outcome.REWRITE;
    }
    String a = from.base();
    String b = to.base();
    if (TEXT_LIKE.contains(a) && TEXT_LIKE.contains(b)) {
      // varchar(n) → varchar(m ≥ n), varchar → text, text → varchar without a limit.
      Integer oldLimit = a.equals("text") ? null : from.modifier(0);
      Integer newLimit = b.equals("text") ? null : to.modifier(0);
      return newLimit == null || oldLimit != null && newLimit >= oldLimit
          ? Outcome.NO_REWRITE
          : Outcome.REWRITE;
    }
    if (a.equals("numeric") && b.equals("numeric")) {
      Integer p1 = from.modifier(0);
      Integer s1 = from.modifier(1) == null ? (p1 == null ? null : 0) : from.modifier(1);
      Integer p2 = to.modifier(0);
      Integer s2 = to.modifier(1) == null ? (p2 == null ? null : 0) : to.modifier(1);
      if (p2 == null) {
        return Outcome.NO_REWRITE;
      }
      if (p1 == null) {
        return Outcome.REWRITE;
      }
      return s1.equals(s2) && p2 >= p1 ? Outcome.NO_REWRITE : Outcome.REWRITE;
    }
    if (a.equals(b)
        && Set.of("timestamp", "timestamptz", "time", "timetz", "interval").contains(a)) {
      Integer p1 = from.modifier(0);
      Integer p2 = to.modifier(0);
      return p2 == null || p1 != null && p2 >= p1 ? Outcome.NO_REWRITE : Outcome.REWRITE;
    }
    if (a.equals("varbit") && b.equals("varbit")) {
      Integer n1 = from.modifier(0);
      Integer n2 = to.modifier(0);
      return n2 == null || n1 != null && n2 >= n1 ? Outcome.NO_REWRITE : Outcome.REWRITE;
    }
    if (a.equals("cidr") && b.equals("inet")) {
      return Outcome.NO_REWRITE;
    }
    if (a.equals(b) && from.modifiers().equals(to.modifiers())) {
      return Outcome.NO_REWRITE;
    }
    return Outcome.REWRITE;
  }

  /**
   * Whether values may no longer fit (a shorter length, a smaller precision or scale, a smaller
   * integer): writes from running application versions can start failing.
   */
  public static boolean narrows(TypeName from, TypeName to) {
    if (from == null || to == null) {
      return false;
    }
    String a = from.base();
    String b = to.base();
    if (TEXT_LIKE.contains(a) || a.equals("char")) {
      Integer oldLimit = a.equals("text") ? null : from.modifier(0);
      Integer newLimit = b.equals("text") ? null : to.modifier(0);
      return newLimit != null && (oldLimit == null || newLimit < oldLimit);
    }
    if (a.equals("numeric") && b.equals("numeric")) {
      Integer p1 = from.modifier(0);
      Integer p2 = to.modifier(0);
      Integer s1 = from.modifier(1) == null ? 0 : from.modifier(1);
      Integer s2 = to.modifier(1) == null ? 0 : to.modifier(1);
      return p2 != null && (p1 == null || p2 - s2 < p1 - s1 || s2 < s1);
    }
    int rankA = integerRank(a);
    int rankB = integerRank(b);
    if (rankA > 0 && rankB > 0) {
      return rankB < rankA;
    }
    if (rankA > 0 && (b.equals("real") || b.equals("double precision"))) {
      return false;
    }
    return !a.equals(b) && !(TEXT_LIKE.contains(b) && !a.equals("char"));
  }

  private static int integerRank(String base) {
    return switch (base) {
      case "smallint", "smallserial" -> 1;
      case "integer", "serial" -> 2;
      case "bigint", "bigserial" -> 3;
      default -> 0;
    };
  }
}
