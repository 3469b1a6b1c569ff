package dev.dbarch.schema.ddl;

import dev.dbarch.schema.ddl.SchemaModel.QName;
import dev.dbarch.schema.ddl.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Identifiers as the database stores them: PostgreSQL folds unquoted names to lower case and keeps
 * quoted ones verbatim; MySQL keeps names as written, without backticks. Unqualified table names
 * take the script's current schema ({@code public}, or what {@code SET search_path} / {@code USE}
 * chose).
 */
final class Names {

  private final SchemaModel model;

  Names(SchemaModel model) {
    this.model = model;
  }

  String ident(Token t) {
    if (t.kind() == SqlLexer.Kind.QUOTED) {
      return pg(t.text());
    }
    return model.mysql ? t.text() : pg(t.text().toLowerCase(Locale.ROOT));
  }

  /** PostgreSQL keeps the first 63 bytes of a longer identifier (and says so in a NOTICE). */
  private String pg(String name) {
    return model.mysql ? name : SchemaModel.truncate(name);
  }

  /** A name as JSqlParser returns it: possibly quoted, possibly with a MySQL prefix length. */
  String ident(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.strip();
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return pg(s.substring(1, s.length() - 1).replace("\"\"", "\""));
    }
    if (s.length() >= 2 && s.startsWith("`") && s.endsWith("`")) {
      return s.substring(1, s.length() - 1).replace("``", "`");
    }
    int paren = s.indexOf('(');
    if (paren > 0) {
      return ident(s.substring(0, paren));
    }
    return model.mysql ? s : pg(s.toLowerCase(Locale.ROOT));
  }

  String identOrNull(String raw) {
    return raw == null || raw.isBlank() ? null : ident(raw);
  }

  List<String> idents(List<String> raw) {
    List<String> out = new ArrayList<>();
    if (raw != null) {
      for (String r : raw) {
        out.add(ident(r));
      }
    }
    return out;
  }

  QName qualified(List<Token> parts) {
    if (parts.isEmpty()) {
      return null;
    }
    String name = ident(parts.get(parts.size() - 1));
    String schema = parts.size() >= 2 ? ident(parts.get(parts.size() - 2)) : model.defaultSchema;
    return new QName(schema, name);
  }

  QName qualified(String rawSchema, String rawName) {
    String schema =
        rawSchema == null || rawSchema.isBlank() ? model.defaultSchema : ident(rawSchema);
    return new QName(schema, ident(rawName));
  }

  /** A qualified name written inside a string literal, as in {@code setval('public.s', 1)}. */
  QName fromLiteral(String literal) {
    String inner = literal;
    if (inner.length() >= 2 && inner.startsWith("'") && inner.endsWith("'")) {
      inner = inner.substring(1, inner.length() - 1).replace("''", "'");
    }
    Cursor c = Cursor.of(inner, model.mysql);
    return qualified(c.qualifiedName());
  }
}
