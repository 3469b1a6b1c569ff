package dev.dbarch.security.rules;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a sensitive field is protected, read from its name: card numbers are tokenized, card security
 * codes are never stored, lookup identifiers get a keyed hash beside their encrypted value, and
 * everything else is encrypted by the application.
 */
final class SensitiveFields {

  private static final Pattern SECURITY_CODE =
      Pattern.compile("cvv2?|cvc2?|card_?verification.*|card_?security_?code|security_code");
  private static final Pattern CARD_NUMBER =
      Pattern.compile("pan|.*card.*|cc_.*|.*credit.*|.*_pan");
  private static final Pattern LOOKUP_KEY =
      Pattern.compile(".*email.*|.*phone.*|username|login|.*national_id.*|ssn");

  private SensitiveFields() {}

  enum Protection {
    /** A card security code: may not be stored at all after authorization. */
    NEVER_STORE("must not be stored at all once the payment is authorized"),
    /** Already a token: the card number itself stays out of the database. */
    ALREADY_TOKENIZED("already a token: keep the card number itself out of the database"),
    /** A card number: replace with a token from the payment provider or a vault. */
    TOKENIZE("replace with a token from the payment provider or a token vault"),
    /** Encrypted, with a keyed hash (HMAC) beside it so exact-match lookups still work. */
    ENCRYPT_WITH_KEYED_HASH(
        "encrypt in the application and store a keyed hash (HMAC) beside it for exact-match"
            + " lookups"),
    /** Encrypted by the application before it reaches the database. */
    ENCRYPT("encrypt in the application before storing");

    private final String treatment;

    Protection(String treatment) {
      this.treatment = treatment;
    }

    String treatment() {
      return treatment;
    }

    boolean cardData() {
      return this == NEVER_STORE || this == TOKENIZE;
    }
  }

  /** The column part of {@code table.column}, lower-cased. */
  static String column(String field) {
    String name = field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field;
    return name.strip().toLowerCase(Locale.ROOT);
  }

  static Protection classify(String field) {
    String column = column(field);
    if (SECURITY_CODE.matcher(column).matches()) {
      return Protection.NEVER_STORE;
    }
    if (column.contains("token")) {
      return Protection.ALREADY_TOKENIZED;
    }
    if (CARD_NUMBER.matcher(column).matches() && !column.contains("holder")) {
      return Protection.TOKENIZE;
    }
    if (LOOKUP_KEY.matcher(column).matches()) {
      return Protection.ENCRYPT_WITH_KEYED_HASH;
    }
    return Protection.ENCRYPT;
  }
}
