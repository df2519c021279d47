package io.agw.gateway.a2a;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gateway learned about one A2A call once it has ended: the request's method and ids and
 * what the response (or the last event of a stream) said. Immutable.
 *
 * @param call what the request said
 * @param taskId the task, from the response when it named one, else from the request
 * @param contextId the context, from the response when it named one, else from the request
 * @param state the last task state seen, in the v0.3 spelling ({@code completed}), empty when none
 * @param outcome how the call ended
 * @param errorCode the JSON-RPC error code when {@code outcome} is {@link Outcome#ERROR}
 * @param events the number of SSE events of a stream, 0 for a plain response
 */
public record A2aCallSummary(
    A2aCallInfo call,
    Optional<String> taskId,
    Optional<String> contextId,
    Optional<String> state,
    Outcome outcome,
    Optional<Integer> errorCode,
    int events) {

  public A2aCallSummary {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(contextId, "contextId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(errorCode, "errorCode");
  }

  /** How a call ended, as one bounded label for metrics and logs. */
  public enum Outcome {
    /** A JSON-RPC result (for a stream: the last event was a result). */
    SUCCESS,
    /** A JSON-RPC error. */
    ERROR,
    /** An HTTP error status without a JSON-RPC body. */
    HTTP_ERROR,
    /** A 2xx answer the gateway could not read as A2A (not JSON, too large, unexpected shape). */
    UNREADABLE,
    /** The client went away before the answer was complete. */
    CANCELLED,
    /** The gateway could not get an answer from the agent (unreachable, timeout). */
    GATEWAY_ERROR;

    /** The label, e.g. {@code http_error}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
