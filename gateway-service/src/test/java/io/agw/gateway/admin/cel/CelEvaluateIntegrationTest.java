package io.agw.gateway.admin.cel;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/cel/evaluate} on the admin port: every variable family of a sample context,
 * results of each JSON shape with their CEL type, a compile error with its position, an evaluation
 * error, and the admin credential it needs as a POST.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"agw.admin.token=test-admin-token"})
class CelEvaluateIntegrationTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void config(DynamicPropertyRegistry registry) throws Exception {
    GatewayConfigFile.register(registry, GatewayConfigFile.helloRoute(FreePorts.next()));
  }

  @LocalServerPort int adminPort;

  static final String CONTEXT =
      """
      {"request": {"method": "post", "path": "/v1/chat/completions?x=1",
                   "headers": {"X-Team": "red", "Host": "gw.example"},
                   "body": {"model": "gpt-4o"}},
       "source": {"address": "10.1.2.3", "port": 5555},
       "jwt": {"claims": {"sub": "alice", "groups": ["ops", "dev"], "exp": 1900000000}},
       "llm": {"requestModel": "gpt-4o", "inputTokens": 12, "cost": {"total": 0.25}}}
      """;

  record Answer(int status, JsonNode json) {}

  Answer evaluate(String expression, String context, String token) {
    String body =
        "{\"expression\":" + JSON.writeValueAsString(expression) + ",\"context\":" + context + "}";
    var spec =
        WebClient.create("http://127.0.0.1:" + adminPort)
            .post()
            .uri("/api/v1/cel/evaluate")
            .contentType(MediaType.APPLICATION_JSON);
    if (token != null) {
      spec = spec.header("Authorization", "Bearer " + token);
    }
    return spec.bodyValue(body)
        .exchangeToMono(
            r ->
                r.bodyToMono(String.class)
                    .map(text -> new Answer(r.statusCode().value(), JSON.readTree(text))))
        .block(Duration.ofSeconds(30));
  }

  Answer evaluate(String expression) {
    return evaluate(expression, CONTEXT, "test-admin-token");
  }

  JsonNode result(String expression, String type) {
    Answer answer = evaluate(expression);
    assertThat(answer.status()).as(expression + " -> " + answer.json()).isEqualTo(200);
    assertThat(answer.json().path("type").asString()).as(expression).isEqualTo(type);
    return answer.json().path("result");
  }

  @Test
  void everyVariableFamilyIsBuiltFromTheSample() {
    assertThat(result("request.method", "string").asString()).isEqualTo("POST");
    assertThat(result("request.path", "string").asString()).isEqualTo("/v1/chat/completions");
    assertThat(result("request.pathAndQuery", "string").asString())
        .isEqualTo("/v1/chat/completions?x=1");
    assertThat(result("request.headers['x-team']", "string").asString()).isEqualTo("red");
    assertThat(result("request.host", "string").asString()).isEqualTo("gw.example");
    assertThat(result("json(request.body).model", "string").asString()).isEqualTo("gpt-4o");
    assertThat(result("source.address", "string").asString()).isEqualTo("10.1.2.3");
    assertThat(result("source.port", "int").asLong()).isEqualTo(5555);
    assertThat(result("jwt.sub == 'alice' && 'ops' in jwt.groups", "bool").asBoolean()).isTrue();
    assertThat(result("llm.inputTokens * 2", "int").asLong()).isEqualTo(24);
    assertThat(result("llm.cost.total", "double").asDouble()).isEqualTo(0.25);
    assertThat(result("has(apiKey.key)", "bool").asBoolean()).isFalse();
  }

  @Test
  void resultsOfEveryShapeAreJson() {
    JsonNode map = result("{'a': [1, 2.5, true, null], 'b': jwt.groups}", "map");
    assertThat(map.toString()).isEqualTo("{\"a\":[1,2.5,true,null],\"b\":[\"ops\",\"dev\"]}");
    assertThat(result("[request.method, source.address]", "list").toString())
        .isEqualTo("[\"POST\",\"10.1.2.3\"]");
    assertThat(result("b'hi!'", "bytes").asString()).isEqualTo("aGkh");
    assertThat(result("timestamp('2026-12-07T10:00:00Z')", "timestamp").asString())
        .isEqualTo("2026-12-07T10:00:00Z");
    assertThat(result("duration('90s')", "duration").asString()).isEqualTo("PT1M30S");
    assertThat(result("null", "null").isNull()).isTrue();
  }

  @Test
  void aTypeErrorIsAnsweredWithItsPosition() {
    Answer answer = evaluate("request.method == 'POST' &&\n  1 + 'a'");
    assertThat(answer.status()).isEqualTo(400);
    JsonNode error = answer.json().path("error");
    assertThat(error.path("type").asString()).isEqualTo("cel");
    assertThat(error.path("message").asString()).contains("no matching overload");
    assertThat(error.path("position").path("line").asInt()).isEqualTo(2);
    assertThat(error.path("position").path("column").asInt()).isEqualTo(5);
  }

  @Test
  void anEvaluationErrorAndBadInputAre400() {
    Answer missing = evaluate("jwt.email");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("error").path("type").asString()).isEqualTo("cel_evaluation");
    Answer unknown = evaluate("true", "{\"requests\": {}}", "test-admin-token");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("error").path("message").asString())
        .contains("context.requests");
    Answer huge = evaluate("1 + ".repeat(2000) + "1");
    assertThat(huge.status()).isEqualTo(400);
    assertThat(huge.json().path("error").path("message").asString()).contains("'expression'");
  }

  @Test
  void itNeedsTheAdminCredentialLikeEveryPost() {
    Answer answer = evaluate("1 + 1", "{}", null);
    assertThat(answer.status()).isEqualTo(401);
  }
}
