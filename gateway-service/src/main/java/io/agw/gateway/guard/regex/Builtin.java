package io.agw.gateway.guard.regex;

import io.agw.model.resource.v1.BuiltinPattern;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The built-in patterns of sensitive data. A match is replaced by {@code <LABEL>}, the labels
 * agentgateway uses. Credit card numbers must also pass the Luhn check, so order numbers and other
 * long digit runs are left alone. Immutable.
 */
enum Builtin {
  /** U.S. Social Security numbers written with dashes, spaces or dots: 123-45-6789. */
  SSN(
      "SSN",
      "(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}([- .])(?!00)\\d{2}\\1(?!0000)\\d{4}(?![\\d-])",
      s -> true),
  /** 13 to 19 digits, optionally grouped by single spaces or dashes, Luhn-checked. */
  CREDIT_CARD("CREDIT_CARD", "(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])", Builtin::passesLuhn),
  /**
   * Phone numbers: North American numbers ({@code (555) 123-4567}, {@code 555-123-4567}, {@code +1
   * 555 123 4567}) and international numbers written with a leading {@code +}.
   */
  PHONE_NUMBER(
      "PHONE_NUMBER",
      "(?<![\\w+])(?:\\+1[ .-]?)?(?:\\(\\d{3}\\)\\s?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}(?!\\w)"
          + "|(?<![\\w+])\\+(?!1[ .-]?\\(?\\d{3})[1-9]\\d{0,2}(?:[ .-]?\\d{2,4}){2,5}(?!\\w)",
      s -> true),
  /**
   * E-mail addresses. The local part starts where a run of its characters starts and is matched
   * possessively (it cannot hold the {@code @}), so text without addresses costs one attempt per
   * word instead of one per character with backtracking.
   */
  EMAIL(
      "EMAIL_ADDRESS",
      "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
          + "(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}",
      s -> true),
  /** Canadian Social Insurance Numbers, grouped 3-3-3 by dashes or spaces, Luhn-checked. */
  CA_SIN("CA_SIN", "(?<![\\d-])\\d{3}([- ])\\d{3}\\1\\d{3}(?![\\d-])", Builtin::passesLuhn);

  private final String label;
  private final Pattern pattern;
  private final Predicate<String> valid;

  Builtin(String label, String regex, Predicate<String> valid) {
    this.label = label;
    this.pattern = Pattern.compile(regex);
    this.valid = valid;
  }

  String mask() {
    return "<" + label + ">";
  }

  Pattern pattern() {
    return pattern;
  }

  /** Whether a match of the pattern is the real thing (a checksum, where the kind has one). */
  boolean accepts(String match) {
    return valid.test(match);
  }

  /**
   * Whether a match can start at {@code i} of {@code text}: the first character and the look-behind
   * of the pattern, tested without the regex engine. Exact (never false where the pattern could
   * start a match), so the matcher need only be tried where this holds: a prompt has few such
   * positions, and a regex attempt costs far more than this test.
   */
  boolean canStartAt(CharSequence text, int i) {
    if (i >= text.length()) {
      return false;
    }
    char c = text.charAt(i);
    char before = i == 0 ? ' ' : text.charAt(i - 1);
    return switch (this) {
      case SSN, CREDIT_CARD, CA_SIN -> isDigit(c) && !isDigit(before) && before != '-';
      case PHONE_NUMBER -> (isDigit(c) || c == '(' || c == '+') && !isWord(before) && before != '+';
      case EMAIL -> isLocal(c) && !isLocal(before);
    };
  }

  /** Whether a match needs an {@code @} (only then is a text without one skipped whole). */
  boolean needsAt() {
    return this == EMAIL;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** {@code \w} of {@code java.util.regex} without UNICODE_CHARACTER_CLASS. */
  private static boolean isWord(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isLocal(char c) {
    return isDigit(c)
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || c == '.'
        || c == '_'
        || c == '%'
        || c == '+'
        || c == '-';
  }

  static Builtin of(BuiltinPattern p) {
    return switch (p) {
      case BUILTIN_SSN -> SSN;
      case BUILTIN_CREDIT_CARD -> CREDIT_CARD;
      case BUILTIN_PHONE_NUMBER -> PHONE_NUMBER;
      case BUILTIN_EMAIL -> EMAIL;
      case BUILTIN_CA_SIN -> CA_SIN;
      default -> throw new IllegalArgumentException("unknown built-in pattern " + p);
    };
  }

  /** The Luhn (mod 10) checksum over the digits of {@code s}. */
  static boolean passesLuhn(String s) {
    int sum = 0;
    boolean twice = false;
    for (int i = s.length() - 1; i >= 0; i--) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
