package io.agw.gateway.cel;

import static org.assertj.core.api.Assertions.assertThatCode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * Fuzzes CEL evaluation against fuzzed request attributes: a compiled rule never fails a request
 * with an exception, whatever the path, header, query and body it reads ({@link CelExpression}'s
 * contract: evaluation errors are false or absent). Text that does not compile is refused with an
 * {@link IllegalArgumentException}, as on config load.
 *
 * <p>Input: UTF-8 text, lines: the expression, the request path, a value for header {@code x-f} and
 * the query string; everything after the fourth line is the request body. Seeds: {@code
 * CelExpressionFuzzTestInputs/evaluatesWithoutThrowing}.
 */
class CelExpressionFuzzTest {

  private static final CelEnvironment CEL = new CelEnvironment();

  @FuzzTest(maxDuration = "5s")
  void evaluatesWithoutThrowing(byte[] input) {
    String[] parts = new String(input, StandardCharsets.UTF_8).split("\n", 5);
    if (parts.length < 5) {
      return;
    }
    CelExpression expression;
    try {
      expression = CEL.compile(parts[0]);
    } catch (IllegalArgumentException invalid) {
      return;
    }
    MockServerHttpRequest request;
    try {
      request =
          MockServerHttpRequest.method(HttpMethod.POST, "/" + parts[1] + "?" + parts[3])
              .header("x-f", parts[2])
              .build();
    } catch (IllegalArgumentException notAUri) {
      return; // the HTTP server never hands the gateway such a request
    }
    MockServerWebExchange exchange = MockServerWebExchange.from(request);
    byte[] body = parts[4].getBytes(StandardCharsets.UTF_8);

    assertThatCode(
            () -> {
              expression.test(CelContext.request(exchange, body));
              expression.string(CelContext.request(exchange, body));
            })
        .as(parts[0])
        .doesNotThrowAnyException();
  }
}
