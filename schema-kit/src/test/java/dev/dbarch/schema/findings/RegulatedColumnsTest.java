package dev.dbarch.schema.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.schema.findings.RegulatedColumns.Category;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What column names and comments reveal, and the near misses that must stay quiet. */
class RegulatedColumnsTest {

  @ParameterizedTest
  @CsvSource({
    // lower-case compounds no separator cuts
    "emailaddress, PERSONAL_DATA",
    "phonenumber, PERSONAL_DATA",
    "homephone, PERSONAL_DATA",
    "passwordhash, CREDENTIALS",
    "clientsecret, CREDENTIALS",
    "accesstoken, CREDENTIALS",
    "creditcardnumber, CARDHOLDER_DATA",
    "ssnlast4, NATIONAL_IDENTIFIER",
    "birthdate, PERSONAL_DATA",
    "billingaddress, PERSONAL_DATA",
    // abbreviations
    "dob, PERSONAL_DATA",
    "cust_addr, PERSONAL_DATA",
    "tel, PERSONAL_DATA",
    "msisdn, PERSONAL_DATA",
    "pwd, CREDENTIALS",
    "ccn, CARDHOLDER_DATA",
    "nino, NATIONAL_IDENTIFIER",
    // separators and case, as before
    "cardNumber, CARDHOLDER_DATA",
    "date_of_birth, PERSONAL_DATA",
    "national_id, NATIONAL_IDENTIFIER"
  })
  void recognisesTheName(String name, Category category) {
    assertThat(RegulatedColumns.classify(name).map(RegulatedColumns.Match::category))
        .contains(category);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "company",
        "span",
        "secretary",
        "tokenizer",
        "automobile_make",
        "address_id",
        "email_id",
        "telemetry",
        "title"
      })
  void leavesNearMissesAlone(String name) {
    assertThat(RegulatedColumns.classify(name)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "The customer's e-mail address, as typed | PERSONAL_DATA",
        "Home phone of the account holder | PERSONAL_DATA",
        "bcrypt hash of the user password | CREDENTIALS",
        "Patient diagnosis code (ICD-10) | HEALTH"
      })
  void readsTheComment(String comment, Category category) {
    assertThat(RegulatedColumns.classifyComment(comment).map(RegulatedColumns.Match::category))
        .contains(category);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Trading name", "Number of items in the basket", ""})
  void aCommentWithoutSuchDataSaysNothing(String comment) {
    assertThat(RegulatedColumns.classifyComment(comment)).isEqualTo(Optional.empty());
  }
}
