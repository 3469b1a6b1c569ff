package dev.dbarch.schema.ddl;

/** The value of a PostgreSQL string literal as the lexer returns it, quotes and all. */
final class Literals {

  private Literals() {}

  /** {@code 'it''s'}, {@code E'a\nb'}, {@code $$x$$}, {@code $t$x$t$} → their text. */
  static String text(String literal) {
    String s = literal;
    if (s.startsWith("$")) {
      int open = s.indexOf('$', 1);
      String tag = s.substring(0, open + 1);
      return s.substring(tag.length(), s.length() - tag.length());
    }
    boolean escapes = false;
    if (s.length() > 1 && (s.charAt(0) == 'E' || s.charAt(0) == 'e') && s.charAt(1) == '\'') {
      escapes = true;
      s = s.substring(1);
    } else if (s.length() > 1
        && (s.charAt(0) == 'N' || s.charAt(0) == 'n')
        && s.charAt(1) == '\'') {
      s = s.substring(1);
    }
    s = s.substring(1, s.length() - 1).replace("''", "'");
    if (!escapes) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < s.length(); k++) {
      char ch = s.charAt(k);
      if (ch == '\\' && k + 1 < s.length()) {
        char next = s.charAt(++k);
        b.append(
            switch (next) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case 'b' -> '\b';
              case 'f' -> '\f';
              default -> next;
            });
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }
}
