package io.agw.gateway.admin.cel;

import io.agw.gateway.admin.api.AdminApiErrors;
import io.agw.gateway.admin.api.AdminApiException;
import io.agw.gateway.cel.CelEnvironment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/cel/evaluate}: {@code {expression, context}} to {@code {result, type}}. The
 * expression is compiled by the gateway's {@link CelEnvironment} (the declarations and functions
 * policies use) but not cached, and evaluated off the event loop with the environment's bounds and
 * a time limit of {@link #LIMIT}. A compile error is 400 {@code {error:{type:"cel", message,
 * position:{line, column}}}}; an evaluation error 400 {@code cel_evaluation}; an evaluation past
 * the limit 400 {@code cel_timeout}. Changes nothing, but as a POST it needs the admin credential.
 * Thread-safe.
 */
public final class CelEvaluateRoutes {

  /**
   * The longest one evaluation may run: far above what any expression of a configuration needs,
   * with room for a loaded machine.
   */
  static final Duration LIMIT = Duration.ofSeconds(5);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final CelEnvironment cel;

  public CelEvaluateRoutes(CelEnvironment cel) {
    this.cel = cel;
  }

  public RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route().POST("/api/v1/cel/evaluate", this::evaluate).build();
  }

  private Mono<ServerResponse> evaluate(ServerRequest request) {
    return request
        .bodyToMono(String.class)
        .defaultIfEmpty("")
        .map(CelEvaluateRoutes::parse)
        .publishOn(Schedulers.boundedElastic())
        .flatMap(this::answer)
        .onErrorResume(AdminApiErrors::handle);
  }

  private record Call(String expression, Map<String, Object> variables) {}

  private static Call parse(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw AdminApiException.invalid("body", "is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw AdminApiException.invalid("body", "must be an object {expression, context}");
    }
    JsonNode expression = root.path("expression");
    if (!expression.isString() || expression.asString().isBlank()) {
      throw AdminApiException.invalid("expression", "is required (a CEL expression)");
    }
    String text = expression.asString();
    if (text.codePointCount(0, text.length()) > CelEnvironment.MAX_SAMPLE_EXPRESSION) {
      throw AdminApiException.invalid(
          "expression", "is longer than " + CelEnvironment.MAX_SAMPLE_EXPRESSION + " characters");
    }
    return new Call(text, CelSampleContext.variables(root.path("context")));
  }

  private Mono<ServerResponse> answer(Call call) {
    Object value;
    try {
      value = cel.evaluateOnce(call.expression(), call.variables(), LIMIT);
    } catch (CelEnvironment.InvalidExpression e) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("type", "cel");
      error.put("message", e.problem());
      error.put("position", e.line() > 0 ? Map.of("line", e.line(), "column", e.column()) : null);
      return ServerResponse.badRequest()
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("error", error));
    } catch (CelEnvironment.EvaluationTimeout e) {
      return AdminApiErrors.response(
          HttpStatus.BAD_REQUEST,
          "cel_timeout",
          "the evaluation took longer than " + LIMIT.toMillis() + " ms and was stopped");
    } catch (dev.cel.runtime.CelEvaluationException | RuntimeException e) {
      if (e instanceof AdminApiException refused) {
        return AdminApiErrors.handle(refused);
      }
      return AdminApiErrors.response(
          HttpStatus.BAD_REQUEST, "cel_evaluation", String.valueOf(e.getMessage()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("result", CelResultJson.json(value));
    body.put("type", CelResultJson.type(value));
    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
  }
}
