package io.agw.gateway.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * agentgateway's header views on {@code request.headers}: {@code join()}, {@code raw()}, {@code
 * split()}, {@code redacted()} and {@code cookie(name)}, on a request with a header sent twice, a
 * comma-separated one, credentials and cookies (each result compared as JSON).
 */
class CelHeaderViewsTest {

  private static final CelEnvironment CEL = new CelEnvironment();

  private static Object eval(String expression) throws Exception {
    MockServerWebExchange exchange =
        MockServerWebExchange.from(
            MockServerHttpRequest.get("http://example.com/")
                .header("x-forwarded-for", "10.0.0.1, 10.0.0.2")
                .header("x-team", "blue")
                .header("x-team", "green")
                .header("authorization", "Bearer secret-token")
                .header("cookie", "session=abc123; theme=\"dark\"")
                .header("cookie", "lang=en"));
    return CelValues.toJson(CEL.compile(expression).eval(CelContext.request(exchange, null)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "request.headers['x-team']                        | `\"blue,green\"`",
        "request.headers.join()['x-team']                 | `\"blue,green\"`",
        "request.headers.raw()['x-team']                  | `[\"blue\",\"green\"]`",
        "request.headers.raw()['x-forwarded-for']         | `[\"10.0.0.1, 10.0.0.2\"]`",
        "request.headers.split()['x-forwarded-for']       | `[\"10.0.0.1\",\"10.0.0.2\"]`",
        "request.headers.split()['x-team']                | `[\"blue\",\"green\"]`",
        "request.headers.redacted()['authorization']      | `\"<redacted>\"`",
        "request.headers.redacted()['x-team']             | `\"blue,green\"`",
        "request.headers.redacted().raw()['cookie']       | `[\"<redacted>\",\"<redacted>\"]`",
        "request.headers['authorization']                 | `\"Bearer secret-token\"`",
        "request.headers.cookie('session')                | `\"abc123\"`",
        "request.headers.cookie('theme')                  | `\"dark\"`",
        "request.headers.cookie('lang')                   | `\"en\"`",
        "'x-team' in request.headers.raw()                | true",
        "request.headers.raw().size() == request.headers.size() | true",
      })
  void viewsGiveAgentgatewaysValues(String expression, String json) throws Exception {
    assertThat(eval(expression)).isEqualTo(json);
  }

  @Test
  void aMissingCookieIsAnError() {
    assertThatThrownBy(() -> eval("request.headers.cookie('nope')")).isInstanceOf(Exception.class);
  }
}
