package io.agw.model.config.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agw.model.config.ConfigEnvironment;
import io.agw.model.config.ConfigError;
import io.agw.model.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of agentgateway's whole-file expansion (the {@code shellexpand} crate's), one each. */
class VariableExpansionTest {

  private static final ConfigEnvironment ENV =
      new ConfigEnvironment(
          Map.of(
                  "A", "alpha",
                  "B_2", "bee",
                  "EMPTY", "",
                  "1AB", "digits",
                  "TILDE", "~",
                  "ÄÖ", "umlaut")
              ::get,
          Path.of("/home/agw"),
          Path.of("/work"));

  private static String expand(String text) throws ConfigException {
    return VariableExpansion.expand(null, text, ENV).text();
  }

  private static ConfigException refused(String text) {
    return catchThrowableOfType(
        ConfigException.class, () -> VariableExpansion.expand(null, text, ENV));
  }

  @Test
  void bareAndBracedNames() throws Exception {
    assertThat(expand("x: $A")).isEqualTo("x: alpha");
    assertThat(expand("x: ${A}")).isEqualTo("x: alpha");
    assertThat(expand("x: ${A}bc $B_2.")).isEqualTo("x: alphabc bee.");
    // a bare name takes every letter, digit and _ after the $
    assertThat(refused("x: $Abc").errors().get(0).message())
        .contains("the environment variable Abc is not set");
  }

  @Test
  void aNameMayStartWithADigitAndHoldUnicodeLetters() throws Exception {
    assertThat(expand("$1AB")).isEqualTo("digits");
    assertThat(expand("$ÄÖ!")).isEqualTo("umlaut!");
  }

  @Test
  void defaultsApplyOnlyWhenUnsetAndAreTakenLiterally() throws Exception {
    assertThat(expand("${MISSING:-fallback}")).isEqualTo("fallback");
    assertThat(expand("${A:-fallback}")).isEqualTo("alpha");
    // set to the empty string: the empty string, not the default
    assertThat(expand("[${EMPTY:-fallback}]")).isEqualTo("[]");
    assertThat(expand("${MISSING:-}")).isEqualTo("");
    assertThat(expand("${MISSING:-$A}")).isEqualTo("$A");
    // nested: the name ends at the first '}', the rest of the text goes on after it
    assertThat(expand("${MISSING:-${A}}")).isEqualTo("${A}");
    assertThat(expand("${A:-${B_2}}")).isEqualTo("alpha}");
  }

  @Test
  void aDefaultNeedsAName() {
    assertThat(refused("${:-x}").errors().get(0).message())
        .contains("the environment variable :-x is not set");
    assertThat(refused("${}").errors().get(0).message()).contains("an empty variable name");
  }

  @Test
  void dollarsThatNameNothingStay() throws Exception {
    assertThat(expand("price: 5$")).isEqualTo("price: 5$");
    assertThat(expand("a $ b $- c $.")).isEqualTo("a $ b $- c $.");
    assertThat(expand("$")).isEqualTo("$");
  }

  @Test
  void twoDollarsAreOneLiteralDollar() throws Exception {
    assertThat(expand("$$A")).isEqualTo("$A");
    assertThat(expand("$$$A")).isEqualTo("$alpha");
    assertThat(expand("$$$$")).isEqualTo("$$");
    assertThat(expand("htpasswd: bob:$$apr1$$r4nd0m12$$pBrYs1"))
        .isEqualTo("htpasswd: bob:$apr1$r4nd0m12$pBrYs1");
  }

  @Test
  void anUnterminatedBraceStaysAsWritten() throws Exception {
    assertThat(expand("x: ${A")).isEqualTo("x: ${A");
    assertThat(expand("${")).isEqualTo("${");
    assertThat(expand("${ then $A")).isEqualTo("${ then alpha");
  }

  @Test
  void aBraceClosedLinesLaterMakesOneLongName() {
    ConfigException e = refused("a: ${B\nb: c}");
    assertThat(e.errors().get(0).message())
        .startsWith("line 1: the environment variable named by ${B\\nb: c} is not set");
  }

  @Test
  void everyUnsetVariableIsReportedWithItsLineEvenInComments() {
    ConfigException e = refused("# uses $IN_COMMENT\nbinds:\n- port: $PORT\n  x: ${KEY}\n");

    assertThat(e.errors()).extracting(ConfigError::path).containsOnly("");
    assertThat(e.errors())
        .extracting(ConfigError::message)
        .satisfiesExactly(
            m -> assertThat(m).startsWith("line 1: the environment variable IN_COMMENT is not set"),
            m ->
                assertThat(m).startsWith("line 3: the environment variable PORT is not set ($PORT"),
            m ->
                assertThat(m)
                    .startsWith("line 4: the environment variable KEY is not set (${KEY}"));
    assertThat(e.errors().get(0).message()).contains("write $$ for a literal $");
  }

  @Test
  void theNamedFileIsInTheMessage() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> VariableExpansion.expand("/etc/agw/resources.yaml", "a: $NOPE", ENV));
    assertThat(e.errors().get(0).message())
        .startsWith("/etc/agw/resources.yaml line 1: the environment variable NOPE is not set");
  }

  @Test
  void theSchemaCommentIsNotAVariable() throws Exception {
    assertThat(expand("# yaml-language-server: $schema=https://agentgateway.dev/schema/config\n"))
        .isEqualTo("#=https://agentgateway.dev/schema/config\n");
    assertThat(refused("# $schema here").errors().get(0).message())
        .contains("the environment variable schema is not set");
  }

  @Test
  void onlyALeadingTildeOfTheWholeTextIsTheHomeDirectory() throws Exception {
    assertThat(expand("~/certs")).isEqualTo("/home/agw/certs");
    assertThat(expand("~")).isEqualTo("/home/agw");
    assertThat(expand("~agw/certs")).isEqualTo("~agw/certs");
    assertThat(expand("x: ~/certs")).isEqualTo("x: ~/certs");
    // a tilde a variable brings is not expanded
    assertThat(expand("$TILDE/certs")).isEqualTo("~/certs");
  }

  @Test
  void theHomeVariableWinsOverTheHomeDirectory() throws Exception {
    ConfigEnvironment env =
        new ConfigEnvironment(Map.of("HOME", "/users/me")::get, Path.of("/home/agw"), null);
    assertThat(VariableExpansion.expand(null, "~/x", env).text()).isEqualTo("/users/me/x");
  }

  @Test
  void theValuesUsedAreKeptAndHiddenFromMessages() throws Exception {
    VariableExpansion.Expanded expanded =
        VariableExpansion.expand(null, "key: $A\nport: ${B_2}\nother: ${MISSING:-d}", ENV);

    assertThat(expanded.values()).containsOnly(Map.entry("A", "alpha"), Map.entry("B_2", "bee"));
    assertThat(expanded.hide("bad key 'alpha-1'")).isEqualTo("bad key '${A}-1'");
    // values shorter than 4 characters are left in messages: they would hide every short word
    assertThat(expanded.hide("a bee")).isEqualTo("a bee");
    ConfigException hidden =
        expanded.hide(new ConfigException(java.util.List.of(new ConfigError("k", "alpha!"))));
    assertThat(hidden.getMessage()).isEqualTo("k: ${A}!");
  }

  @Test
  void textWithoutDollarsIsUnchanged() throws Exception {
    String text = "binds:\n- port: 3000\n  note: 'a ~ b {c}'\n";
    assertThat(expand(text)).isEqualTo(text);
  }
}
