package dev.dbarch.contracts.requirements;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.io.IOException;

/**
 * The server settings the diagnoses weigh, written as PostgreSQL's {@code SHOW} prints them or as
 * {@code postgresql.conf} accepts them: a number with a memory unit ({@code B}, {@code kB}, {@code
 * MB}, {@code GB}, {@code TB}; case-sensitive, multiples of 1024) or a bare number in the setting's
 * base unit (8 kB pages for {@code sharedBuffers} and {@code effectiveCacheSize}, kB for {@code
 * workMem}). For MySQL/MariaDB, {@code sharedBuffers} is the InnoDB buffer pool.
 */
public record ServerSettings(
    @JsonDeserialize(using = ServerSettings.Text.class) @Pattern(regexp = MEMORY, message = UNITS)
        String sharedBuffers,
    @JsonDeserialize(using = ServerSettings.Text.class) @Pattern(regexp = MEMORY, message = UNITS)
        String workMem,
    @JsonDeserialize(using = ServerSettings.Text.class) @Pattern(regexp = MEMORY, message = UNITS)
        String effectiveCacheSize,
    @Positive @Max(262_143) Integer maxConnections) {

  /** A PostgreSQL memory value: a number, optionally fractional, then an optional unit. */
  public static final String MEMORY = "\\s*\\d{1,15}(\\.\\d{1,6})?\\s*(B|kB|MB|GB|TB)?\\s*";

  static final String UNITS =
      "must be a memory value such as 128MB, 4096kB or 1GB (units B, kB, MB, GB, TB; a bare"
          + " number is in the setting's base unit)";

  /** Reads a setting written as a number ({@code workMem: 4096}) or as text ({@code "4MB"}). */
  public static final class Text extends JsonDeserializer<String> {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_STRING
          || token == JsonToken.VALUE_NUMBER_INT
          || token == JsonToken.VALUE_NUMBER_FLOAT) {
        return parser.getText();
      }
      return (String) context.handleUnexpectedToken(String.class, parser);
    }
  }
}
