package io.agw.gateway.a2a;

import io.agw.gateway.a2a.A2aEventInfo.Outcome;
import io.agw.gateway.a2a.A2aEventInfo.ResultKind;
import io.agw.gateway.json.ClientJson;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@link A2aCallInfo} from A2A JSON-RPC requests and {@link A2aEventInfo} from responses and
 * SSE event data, for both protocol dialects (v0.3 {@code message/send} with {@code kind}
 * discriminators, v1.0 {@code SendMessage} with wrapper fields such as {@code statusUpdate}).
 *
 * <p>Pure and tolerant: garbage in (not JSON, wrong types, missing fields) gives empty values out,
 * never an exception. Thread-safe and stateless; one instance can serve all requests.
 */
public final class A2aCallParser {

  /** Methods whose {@code params.id} names a task (in v0.3; v1.0 uses {@code taskId} there). */
  private static final Set<A2aMethod> ID_IS_TASK =
      EnumSet.of(
          A2aMethod.GET_TASK,
          A2aMethod.CANCEL_TASK,
          A2aMethod.SUBSCRIBE_TO_TASK,
          A2aMethod.GET_PUSH_CONFIG,
          A2aMethod.LIST_PUSH_CONFIGS,
          A2aMethod.DELETE_PUSH_CONFIG);

  private static final String TASK_STATE_PREFIX = "TASK_STATE_";

  private final JsonMapper mapper = ClientJson.builder().build();

  /** Reads a request body; {@link A2aCallInfo#EMPTY} when it is not a JSON object. */
  public A2aCallInfo request(byte[] body) {
    return request(readTree(body));
  }

  /** Reads a request; {@link A2aCallInfo#EMPTY} when it is not an object. */
  public A2aCallInfo request(JsonNode root) {
    if (root == null || !root.isObject()) {
      return A2aCallInfo.EMPTY;
    }
    Optional<String> method = string(root.path("method"));
    A2aMethod kind = A2aMethod.fromWire(method.orElse(null));
    JsonNode params = root.path("params");
    JsonNode message = params.path("message");
    Optional<String> taskId =
        string(message.path("taskId"))
            .or(() -> string(params.path("taskId")))
            .or(() -> ID_IS_TASK.contains(kind) ? string(params.path("id")) : Optional.empty());
    Optional<String> contextId =
        string(message.path("contextId")).or(() -> string(params.path("contextId")));
    return new A2aCallInfo(method, kind, id(root.path("id")), taskId, contextId);
  }

  /** Reads a response body; {@link A2aEventInfo#EMPTY} when it is not a JSON object. */
  public A2aEventInfo response(byte[] body) {
    return response(readTree(body));
  }

  /** Reads the {@code data} of one SSE event; {@link A2aEventInfo#EMPTY} when unreadable. */
  public A2aEventInfo event(String data) {
    return data == null ? A2aEventInfo.EMPTY : response(data.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a response or event: a JSON-RPC envelope with {@code result} or {@code error}, or a bare
   * payload as the HTTP+JSON binding sends it.
   */
  public A2aEventInfo response(JsonNode root) {
    if (root == null || !root.isObject()) {
      return A2aEventInfo.EMPTY;
    }
    Optional<String> id = id(root.path("id"));
    JsonNode error = root.path("error");
    if (error.isObject()) {
      int code = error.path("code").canConvertToInt() ? error.path("code").intValue() : 0;
      Outcome outcome = new Outcome.Error(code, string(error.path("message")).orElse(""));
      return new A2aEventInfo(id, Optional.empty(), Optional.empty(), Optional.empty(), outcome);
    }
    boolean envelope = root.has("result") || root.has("jsonrpc") || root.has("error");
    JsonNode payload = envelope ? root.path("result") : root;
    if (!payload.isObject()) {
      Outcome outcome = root.has("result") ? new Outcome.Result(ResultKind.OTHER) : unreadable();
      return new A2aEventInfo(id, Optional.empty(), Optional.empty(), Optional.empty(), outcome);
    }
    return classified(id, payload);
  }

  private static A2aEventInfo classified(Optional<String> id, JsonNode payload) {
    ResultKind kind;
    JsonNode node = payload;
    switch (string(payload.path("kind")).orElse("")) {
      case "task" -> kind = ResultKind.TASK;
      case "message" -> kind = ResultKind.MESSAGE;
      case "status-update" -> kind = ResultKind.STATUS_UPDATE;
      case "artifact-update" -> kind = ResultKind.ARTIFACT_UPDATE;
      default -> {
        if (payload.path("task").isObject()) {
          kind = ResultKind.TASK;
          node = payload.path("task");
        } else if (payload.path("message").isObject()) {
          kind = ResultKind.MESSAGE;
          node = payload.path("message");
        } else if (payload.path("statusUpdate").isObject()) {
          kind = ResultKind.STATUS_UPDATE;
          node = payload.path("statusUpdate");
        } else if (payload.path("artifactUpdate").isObject()) {
          kind = ResultKind.ARTIFACT_UPDATE;
          node = payload.path("artifactUpdate");
        } else if (payload.path("status").isObject() && payload.has("id")) {
          // v1.0 GetTask and CancelTask return the bare Task.
          kind = ResultKind.TASK;
        } else {
          kind = ResultKind.OTHER;
        }
      }
    }
    Optional<String> taskId =
        kind == ResultKind.TASK ? string(node.path("id")) : string(node.path("taskId"));
    Optional<String> state = string(node.path("status").path("state")).map(A2aCallParser::state);
    return new A2aEventInfo(
        id, taskId, string(node.path("contextId")), state, new Outcome.Result(kind));
  }

  private JsonNode readTree(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return mapper.readTree(body);
    } catch (JacksonException e) {
      return null;
    }
  }

  /** {@code TASK_STATE_INPUT_REQUIRED} becomes {@code input-required}; v0.3 names pass through. */
  static String state(String raw) {
    if (!raw.startsWith(TASK_STATE_PREFIX)) {
      return raw;
    }
    return raw.substring(TASK_STATE_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static Optional<String> string(JsonNode node) {
    return node.isString() && !node.stringValue().isBlank()
        ? Optional.of(node.stringValue())
        : Optional.empty();
  }

  private static Optional<String> id(JsonNode node) {
    return node.isIntegralNumber() ? Optional.of(node.asString()) : string(node);
  }

  private static Outcome unreadable() {
    return new Outcome.Unreadable();
  }
}
