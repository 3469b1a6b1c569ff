package dev.dbarch.schema.ddl;

import dev.dbarch.schema.ddl.SchemaModel.MSequence;
import dev.dbarch.schema.ddl.SchemaModel.QName;
import java.util.List;

/**
 * The options of {@code CREATE SEQUENCE}, {@code ALTER SEQUENCE} and identity columns: type, start,
 * increment, maximum, restart, owner column. Options the snapshot does not model (cache, cycle,
 * minimum, ownership by a role) are skipped.
 */
final class SequenceOptions {

  private SequenceOptions() {}

  /** The {@code START [WITH] n} of an identity's option list, or null. */
  static Long startWith(String options, boolean mysql) {
    Cursor c = Cursor.of(options, mysql);
    while (!c.atEnd()) {
      if (c.accept("START")) {
        c.accept("WITH");
        return number(c);
      }
      c.next();
    }
    return null;
  }

  /** The {@code SEQUENCE NAME x} of an identity's option list, or null. */
  static QName sequenceName(String options, Names names, boolean mysql) {
    Cursor c = Cursor.of(options, mysql);
    while (!c.atEnd()) {
      if (c.accept("SEQUENCE", "NAME")) {
        return names.qualified(c.qualifiedName());
      }
      c.next();
    }
    return null;
  }

  /** Applies the options at the cursor to the sequence. */
  static void apply(Cursor c, MSequence s, Names names, boolean mysql) {
    while (!c.atEnd()) {
      if (c.accept("AS")) {
        int from = c.position();
        c.qualifiedName();
        if (c.peek().isSymbol("(")) {
          c.group();
        }
        s.dataType = TypeNames.canonical(c.text(from, c.position()), mysql);
      } else if (c.accept("INCREMENT")) {
        c.accept("BY");
        Long n = number(c);
        s.increment = n == null ? s.increment : n;
      } else if (c.accept("NO", "MAXVALUE") || c.accept("NOMAXVALUE")) {
        s.maxValue = null;
      } else if (c.accept("MAXVALUE")) {
        c.acceptSymbol("=");
        s.maxValue = number(c);
      } else if (c.accept("START")) {
        c.accept("WITH");
        c.acceptSymbol("=");
        Long n = number(c);
        s.start = n == null ? s.start : n;
      } else if (c.accept("RESTART")) {
        c.accept("WITH");
        c.acceptSymbol("=");
        Long n = number(c);
        s.lastValue = (n == null ? s.start : n) - s.increment;
      } else if (c.accept("OWNED", "BY")) {
        if (c.accept("NONE")) {
          s.ownedBy = null;
        } else {
          List<SqlLexer.Token> parts = c.qualifiedName();
          if (parts.size() >= 2) {
            String column = names.ident(parts.get(parts.size() - 1));
            QName table = names.qualified(parts.subList(0, parts.size() - 1));
            s.ownedBy = table.qualified() + "." + column;
          }
        }
      } else if (c.accept("OWNER", "TO")) {
        c.next();
      } else {
        c.next();
      }
    }
  }

  static Long number(Cursor c) {
    boolean negative = c.acceptSymbol("-");
    c.acceptSymbol("+");
    if (c.peek().kind() != SqlLexer.Kind.NUMBER) {
      return null;
    }
    try {
      long v = Long.parseLong(c.next().text());
      return negative ? -v : v;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
