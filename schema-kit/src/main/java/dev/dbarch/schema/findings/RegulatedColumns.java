package dev.dbarch.schema.findings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises columns whose names (or comments) say they hold regulated data. Names are cut into
 * words ({@code cardNumber}, {@code card_number} and {@code CardNumber} all give {@code card
 * number}) and matched against phrases and common abbreviations ({@code dob}, {@code ssn}, {@code
 * pwd}, {@code msisdn}), most specific category first. Lower-case compounds that no separator cuts
 * ({@code emailaddress}, {@code phonenumber}, {@code passwordhash}) are matched by the distinctive
 * terms they start or end with; terms that also start ordinary words ({@code secret}: {@code
 * secretary}, {@code token}: {@code tokenizer}) only count at the end. Columns whose last word is
 * {@code id} are references to another table ({@code address_id}), not the data itself, except for
 * the national identifiers whose names end that way ({@code national_id}, {@code tax_id}).
 */
final class RegulatedColumns {

  /** What a column name reveals. */
  record Match(Category category, String term) {}

  enum Category {
    CARDHOLDER_DATA("PCI-DSS", "cardholder data"),
    CREDENTIALS("credentials", "secret or credential"),
    NATIONAL_IDENTIFIER("PII/GDPR", "national identifier"),
    HEALTH("HIPAA PHI", "protected health information"),
    PERSONAL_DATA("GDPR", "personal data");

    final String regime;
    final String description;

    Category(String regime, String description) {
      this.regime = regime;
      this.description = description;
    }
  }

  private record Phrase(Category category, List<String> words) {}

  private static final List<Phrase> PHRASES = new ArrayList<>();

  static {
    add(
        Category.CARDHOLDER_DATA,
        "card number",
        "card no",
        "card num",
        "cardnumber",
        "credit card",
        "creditcard",
        "cc number",
        "cc num",
        "pan",
        "cvv",
        "cvv2",
        "cvc",
        "cvc2",
        "ccn",
        "cc no",
        "card verification");
    add(
        Category.CREDENTIALS,
        "password",
        "passwd",
        "pwd",
        "secret",
        "token",
        "api key",
        "apikey",
        "private key",
        "passphrase",
        "access key",
        "secret key");
    add(
        Category.NATIONAL_IDENTIFIER,
        "ssn",
        "social security",
        "national id",
        "national identifier",
        "passport",
        "tax id",
        "taxid",
        "taxpayer id",
        "driver license",
        "drivers license",
        "driving licence",
        "nino",
        "national insurance",
        "tin");
    add(
        Category.HEALTH,
        "diagnosis",
        "diagnoses",
        "medical",
        "health",
        "patient",
        "medication",
        "prescription");
    add(
        Category.PERSONAL_DATA,
        "email",
        "e mail",
        "phone",
        "telephone",
        "mobile",
        "fax",
        "birth date",
        "date of birth",
        "birthdate",
        "birthday",
        "dob",
        "address",
        "addr",
        "msisdn",
        "tel");
  }

  /** A term that counts inside a lower-case compound word, at its start or end. */
  private record Compound(Category category, String term, boolean atStart) {}

  private static final List<Compound> COMPOUNDS = new ArrayList<>();

  static {
    compound(Category.CARDHOLDER_DATA, true, "creditcard", "cardnumber", "cardno", "cvv");
    compound(Category.CREDENTIALS, true, "password", "passwd", "apikey", "privatekey");
    compound(Category.CREDENTIALS, false, "secret", "token");
    compound(
        Category.NATIONAL_IDENTIFIER,
        true,
        "ssn",
        "passport",
        "socialsecurity",
        "nationalid",
        "taxid");
    compound(Category.HEALTH, true, "diagnosis", "medication", "prescription");
    compound(
        Category.PERSONAL_DATA,
        true,
        "email",
        "phone",
        "birthdate",
        "birthday",
        "dateofbirth",
        "address");
  }

  private static void compound(Category category, boolean atStart, String... terms) {
    for (String t : terms) {
      COMPOUNDS.add(new Compound(category, t, atStart));
    }
  }

  private static void add(Category category, String... phrases) {
    for (String p : phrases) {
      PHRASES.add(new Phrase(category, List.of(p.split(" "))));
    }
  }

  private RegulatedColumns() {}

  static Optional<Match> classify(String columnName) {
    List<String> words = words(columnName);
    if (words.isEmpty()) {
      return Optional.empty();
    }
    boolean reference = words.get(words.size() - 1).equals("id") && words.size() > 1;
    return match(words, reference);
  }

  /**
   * What a column comment says the column holds ({@code 'Customer e-mail address'}). Comments are
   * prose: only whole words and compounds count, and no word makes the column a reference.
   */
  static Optional<Match> classifyComment(String comment) {
    return match(words(comment), false);
  }

  private static Optional<Match> match(List<String> words, boolean reference) {
    for (Phrase phrase : PHRASES) {
      if (contains(words, phrase.words())) {
        if (reference && phrase.category() != Category.NATIONAL_IDENTIFIER) {
          continue;
        }
        return Optional.of(new Match(phrase.category(), String.join("_", phrase.words())));
      }
    }
    for (Compound c : COMPOUNDS) {
      if (reference && c.category() != Category.NATIONAL_IDENTIFIER) {
        continue;
      }
      for (String w : words) {
        if (w.length() > c.term().length()
            && (w.endsWith(c.term()) || c.atStart() && w.startsWith(c.term()))) {
          return Optional.of(new Match(c.category(), c.term()));
        }
      }
    }
    return Optional.empty();
  }

  /** {@code dateOfBirth}, {@code date_of_birth}, {@code Address2} → [date, of, birth], … */
  static List<String> words(String name) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char previous = 0;
    for (char c : name.toCharArray()) {
      boolean boundary =
          !Character.isLetterOrDigit(c)
              || Character.isUpperCase(c) && Character.isLowerCase(previous)
              || Character.isDigit(c) && Character.isLetter(previous)
              || Character.isLetter(c) && Character.isDigit(previous);
      if (boundary && word.length() > 0) {
        out.add(word.toString().toLowerCase(Locale.ROOT));
        word.setLength(0);
      }
      if (Character.isLetterOrDigit(c)) {
        word.append(c);
      }
      previous = c;
    }
    if (word.length() > 0) {
      out.add(word.toString().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private static boolean contains(List<String> words, List<String> phrase) {
    for (int i = 0; i + phrase.size() <= words.size(); i++) {
      if (words.subList(i, i + phrase.size()).equals(phrase)) {
        return true;
      }
    }
    return false;
  }
}
