package io.agw.gateway.guard.regex;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.resource.v1.BuiltinPattern;
import io.agw.model.resource.v1.RegexGuardRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every built-in pattern on text that must be masked and on text that must be left alone. */
class RegexGuardTest {

  private static RegexGuard masking(BuiltinPattern builtin) {
    return RegexGuard.of(
        io.agw.model.resource.v1.RegexGuard.newBuilder()
            .addRules(RegexGuardRule.newBuilder().setBuiltin(builtin))
            .build());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "BUILTIN_SSN | my ssn is 123-45-6789. | my ssn is <SSN>.",
        "BUILTIN_SSN | ssn 123 45 6789 | ssn <SSN>",
        "BUILTIN_CREDIT_CARD | card 4111 1111 1111 1111 ok | card <CREDIT_CARD> ok",
        "BUILTIN_CREDIT_CARD | card 4111-1111-1111-1111 | card <CREDIT_CARD>",
        "BUILTIN_CREDIT_CARD | amex 378282246310005 | amex <CREDIT_CARD>",
        "BUILTIN_CREDIT_CARD | mc 5555555555554444. | mc <CREDIT_CARD>.",
        "BUILTIN_PHONE_NUMBER | call (555) 123-4567 now | call <PHONE_NUMBER> now",
        "BUILTIN_PHONE_NUMBER | call 555-123-4567 | call <PHONE_NUMBER>",
        "BUILTIN_PHONE_NUMBER | call +1 555 123 4567 | call <PHONE_NUMBER>",
        "BUILTIN_PHONE_NUMBER | ruf +49 30 1234 5678 an | ruf <PHONE_NUMBER> an",
        "BUILTIN_EMAIL | write john.doe+x@example.co.uk. | write <EMAIL_ADDRESS>.",
        "BUILTIN_EMAIL | a@b.io and c@d.org | <EMAIL_ADDRESS> and <EMAIL_ADDRESS>",
        "BUILTIN_CA_SIN | sin 046 454 286 | sin <CA_SIN>",
        "BUILTIN_CA_SIN | sin 046-454-286. | sin <CA_SIN>.",
      })
  void masksWhatItRecognizes(BuiltinPattern builtin, String text, String masked) {
    RegexGuard guard = masking(builtin);
    assertThat(guard.matches(text)).isTrue();
    assertThat(guard.mask(text)).isEqualTo(masked);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Never issued: area 000, 666 or 9xx, group 00, serial 0000.
        "BUILTIN_SSN | id 000-12-3456",
        "BUILTIN_SSN | id 666-12-3456",
        "BUILTIN_SSN | id 123-00-4567",
        "BUILTIN_SSN | part 123-45-67890",
        "BUILTIN_SSN | mixed 123-45 6789",
        // Fails the Luhn check: an order id, not a card.
        "BUILTIN_CREDIT_CARD | order 4111 1111 1111 1112",
        "BUILTIN_CREDIT_CARD | order 1234567890123456",
        "BUILTIN_CREDIT_CARD | too short 411111111111",
        "BUILTIN_PHONE_NUMBER | version 1.2.3 and 2024-01-15",
        "BUILTIN_PHONE_NUMBER | total 12345678",
        "BUILTIN_EMAIL | not an address: john@localhost or @example.com",
        // Fails the Luhn check.
        "BUILTIN_CA_SIN | sin 046 454 287",
        "BUILTIN_CA_SIN | unformatted 046454286",
      })
  void leavesOtherTextAlone(BuiltinPattern builtin, String text) {
    RegexGuard guard = masking(builtin);
    assertThat(guard.matches(text)).isFalse();
    assertThat(guard.mask(text)).isSameAs(text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "(?i)project [a-z]+ | Project Apollo starts | <masked> starts",
        "a* | banana | b<masked>n<masked>n<masked>",
      })
  void customPatternsMaskEveryNonEmptyMatch(String pattern, String text, String masked) {
    RegexGuard guard =
        RegexGuard.of(
            io.agw.model.resource.v1.RegexGuard.newBuilder()
                .addRules(RegexGuardRule.newBuilder().setPattern(pattern))
                .build());
    assertThat(guard.mask(text)).isEqualTo(masked);
  }
}
