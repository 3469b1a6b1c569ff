package dev.dbarch.intake.assessment;

import dev.dbarch.contracts.requirements.SchemaSource;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.schema.ddl.DdlParser;
import dev.dbarch.schema.ddl.ParsedSchema;
import dev.dbarch.schema.findings.SchemaRules;
import java.util.List;

/**
 * A schema submitted as a DDL script becomes the same schema model a monitored database gives, with
 * the same findings. Statements the parser could not use, and those it skipped as irrelevant to
 * structure, are both listed back to the client, never dropped silently.
 */
public final class SchemaScripts {

  private SchemaScripts() {}

  /** The parsed script: the context the assessment carries, and what was skipped. */
  public record Parsed(SchemaContext context, List<String> ignored) {
    static final Parsed NONE = new Parsed(null, null);
  }

  public static Parsed parse(SchemaSource source) {
    if (source == null) {
      return Parsed.NONE;
    }
    ParsedSchema parsed = new DdlParser().parse(source.ddl(), source.dialect());
    SchemaContext context =
        new SchemaContext(
            parsed.snapshot(), SchemaRules.analyze(parsed.snapshot()), null, parsed.unsupported());
    return new Parsed(context, parsed.ignored());
  }
}
