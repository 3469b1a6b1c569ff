package dev.dbarch.intake.monitor;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Masks password values in log lines before any handler writes them. Debezium and Kafka Connect
 * print connector settings ({@code database.password=…}) at DEBUG and in some error messages;
 * dbarch's own code never logs a password, this is the net under third-party code. Installed on the
 * console and file handlers ({@code quarkus.log.*.filter=dbarch-redact-passwords}).
 */
@LoggingFilter(name = "dbarch-redact-passwords")
public final class PasswordRedactingFilter implements Filter {

  /**
   * {@code password=x}, {@code password: x}, {@code "password":"x"}, {@code database.password=x}.
   */
  static final Pattern PASSWORD =
      Pattern.compile("(?i)(password\"?\\s*[=:]\\s*\"?)(?!\\*\\*\\*)[^\\s,;\"}\\]]+");

  @Override
  public boolean isLoggable(LogRecord record) {
    String message =
        record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    if (message != null && PASSWORD.matcher(message).find()) {
      String redacted = PASSWORD.matcher(message).replaceAll("$1***");
      if (record instanceof ExtLogRecord ext) {
        ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
      } else {
        record.setMessage(redacted);
      }
      record.setParameters(null);
    }
    return true;
  }

  /** The same masking for a message alone. */
  static String redact(String message) {
    return message == null ? null : PASSWORD.matcher(message).replaceAll("$1***");
  }
}
