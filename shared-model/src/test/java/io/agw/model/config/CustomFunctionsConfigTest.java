package io.agw.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code config.customFunctions} as the loader reads it: the functions are callable from the file's
 * expressions, and every problem is refused at {@code config.customFunctions} with the line of the
 * block it is on (agentgateway's rules: no recursion, no built-in names, no name twice).
 */
class CustomFunctionsConfigTest {

  private static String file(String functions, String rule) {
    StringBuilder yaml = new StringBuilder("config:\n  customFunctions: |\n");
    functions.lines().forEach(l -> yaml.append("    ").append(l).append('\n'));
    yaml.append(
        """
        binds:
          - port: 8080
            listeners:
              - routes:
                  - policies:
                      authorization:
                        rules:
                          - allow: '%s'
                    backends: [{host: "127.0.0.1:9"}]
        """
            .formatted(rule));
    return yaml.toString();
  }

  private static List<ConfigError> errors(String functions, String rule) {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.load(file(functions, rule), Path.of("/")));
    assertThat(e).as("refused").isNotNull();
    return e.errors();
  }

  @Test
  void expressionsCallTheFunctions() throws ConfigException {
    LoadedConfig loaded =
        ConfigLoader.load(
            file(
                """
                # a comment
                isGet() { request.method == "GET" }
                this.within(lo, hi) { this >= lo && this <= hi }
                any(first, rest...) { rest.exists(r, r == first) || isGet() }
                """,
                "isGet() && request.headers.size().within(0, 9) && any(1, 2, 1)"),
            Path.of("/"));
    assertThat(loaded.settings().customFunctions().definitions()).hasSize(3);
  }

  @Test
  void aCallWithTheWrongNumberOfArgumentsIsRefusedAtTheRule() {
    assertThat(errors("two(a, b) { a + b }", "two(1) == 1"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path())
                  .isEqualTo(
                      "binds[0].listeners[0].routes[0].policies.authorization.rules[0].allow");
              assertThat(e.message()).contains("two() takes 2 argument(s), not 1");
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "`ok() { true }\nbad() {\n  1 +\n}` | line 3: bad(): invalid CEL expression at column",
        "`ok() { true }\n\nbad() { nope(1) }` | line 3: bad(): invalid CEL expression at column 13:"
            + " undeclared reference to 'nope'",
        "`again(a) { a == 10 ? 1 : again(a + 1) }` | line 1: recursion is not supported in"
            + " custom functions: again -> again",
        "`a() { b() }\nb() { a() }` | line 1: recursion is not supported in custom functions: a"
            + " -> b -> a",
        "`f() { 1 }\nf(x) { x }` | line 2: f is defined more than once (also line 1)",
        "`size() { 1 }` | line 1: size is the name of a built-in CEL function or macro",
        "`default() { 1 }` | line 1: default is the name of a built-in CEL function or macro",
        "`bad-name() { 1 }` | line 1: 'bad-name' is not a valid name",
        "`f(this) { 1 }` | line 1: 'this' cannot name a function or parameter",
        "`f(rest..., x) { 1 }` | line 1: f: the variadic parameter 'rest...' must be the last",
        "`f() { true` | line 1: the body has no closing '}'",
        "`f { true }` | line 1: 'f' has no parameter list",
        "`f() true` | line 1: the definition has no body",
      })
  void problemsAreRefusedAtTheBlockWithTheirLine(String functions, String message) {
    assertThat(errors(functions, "true"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("config.customFunctions");
              assertThat(e.message()).startsWith(message);
            });
  }
}
