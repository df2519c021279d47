package io.agw.gateway.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * agentgateway's {@code math.bitAnd} / {@code bitOr} / {@code bitXor} on bytes, with the expected
 * values of agentgateway's own function tests ({@code celx/src/function_tests.rs}), compared as
 * JSON.
 */
class CelBitsOnBytesTest {

  private static final CelEnvironment CEL = new CelEnvironment();

  private static Object eval(String expression) throws Exception {
    MockServerWebExchange exchange =
        MockServerWebExchange.from(MockServerHttpRequest.get("http://example.com/"));
    return CEL.compile(expression).eval(CelContext.request(exchange, null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "base64.encode(math.bitAnd(base64.decode('BQ=='), base64.decode('Aw==')))  | `\"AQ==\"`",
        "base64.encode(math.bitOr(base64.decode('BQ=='), base64.decode('Aw==')))   | `\"Bw==\"`",
        "base64.encode(math.bitXor(base64.decode('BQ=='), base64.decode('Aw==')))  | `\"Bg==\"`",
        "base64.encode(math.bitAnd(base64.decode('AAE='), base64.decode('AQ==')))  | `\"AAE=\"`",
        "math.bitAnd(0x4, base64.decode('BQ=='))                                    | 4",
        "math.bitAnd(0x2, base64.decode('BQ=='))                                    | 0",
        "math.bitAnd(base64.decode('BQ=='), 0x4)                                    | 4",
        "math.bitAnd(0x4u, base64.decode('BQ=='))                                   | 4",
        "math.bitAnd(0x4, base64.decode('AQAF'))                                    | 4",
        "math.bitAnd(3u, 2u)                                                        | 2",
        "math.bitAnd(-3, -5)                                                        | -7",
        "base64.decode('BQ==').with(user, {'read': 0x4, 'rwx': 0x5, 'rw': 0x7}.with(tools,"
            + " tools.filter(x, math.bitAnd(tools[x], user) == tools[x]).with(allowed,"
            + " allowed.size() == 2 && 'read' in allowed && 'rwx' in allowed)))"
            + " | true",
      })
  void evaluatesAsAgentgateway(String expression, String json) throws Exception {
    assertThat(CelValues.toJson(eval(expression))).isEqualTo(json);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "math.bitAnd(base64.decode('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), b'\\x01')",
        "math.bitAnd(-1, base64.decode('BQ=='))",
      })
  void refusesWhatAgentgatewayRefuses(String expression) {
    assertThatThrownBy(() -> eval(expression)).isInstanceOf(Exception.class);
  }
}
