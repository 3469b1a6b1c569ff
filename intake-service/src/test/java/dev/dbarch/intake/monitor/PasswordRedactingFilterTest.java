package dev.dbarch.intake.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** Password values are masked in log records, whatever the format style of the message. */
class PasswordRedactingFilterTest {

  private static String filtered(String format, Object... parameters) {
    ExtLogRecord record =
        new ExtLogRecord(Level.FINE, format, ExtLogRecord.FormatStyle.PRINTF, "test");
    record.setParameters(parameters);
    assertThat(new PasswordRedactingFilter().isLoggable(record)).isTrue();
    return record.getFormattedMessage();
  }

  @Test
  void passwordValuesAreMasked() {
    String secret = "pw-7f3a9c";
    assertThat(filtered("config: database.password = %s, database.user=postgres", secret))
        .doesNotContain(secret)
        .contains("database.password = ***")
        .contains("database.user=postgres");
    assertThat(filtered("{\"password\":\"%s\",\"user\":\"x\"}", secret)).doesNotContain(secret);
    assertThat(filtered("Password: %s", secret)).doesNotContain(secret);
    assertThat(filtered("props {user=a, password=%s}", secret)).doesNotContain(secret);
  }

  @Test
  void otherLinesAreLeftAlone() {
    assertThat(filtered("Registered monitor of %s in %s mode", "shop", "FULL"))
        .isEqualTo("Registered monitor of shop in FULL mode");
    assertThat(filtered("passwordRef file:shop.password refused"))
        .isEqualTo("passwordRef file:shop.password refused");
  }
}
