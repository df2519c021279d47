package io.agw.gateway.a2a;

import java.util.Objects;
import java.util.Optional;

/**
 * What the gateway reads from an A2A JSON-RPC response, or from the data of one SSE event of a
 * stream. Immutable; {@link #EMPTY} stands for a body that could not be read.
 *
 * @param id the JSON-RPC id as text, empty when absent or null
 * @param taskId the task the result belongs to, empty when none
 * @param contextId the context of the result, empty when none
 * @param state the task state in the v0.3 spelling ({@code working}, {@code input-required}); a
 *     v1.0 {@code TASK_STATE_INPUT_REQUIRED} is reported as {@code input-required}; empty when the
 *     result carries no status
 * @param outcome result or error
 */
public record A2aEventInfo(
    Optional<String> id,
    Optional<String> taskId,
    Optional<String> contextId,
    Optional<String> state,
    Outcome outcome) {

  /** Nothing could be read. */
  public static final A2aEventInfo EMPTY =
      new A2aEventInfo(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          new Outcome.Unreadable());

  public A2aEventInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(contextId, "contextId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** How the call ended, as far as this response or event says. */
  public sealed interface Outcome {

    /**
     * A {@code result} (or, on the REST binding, a bare payload).
     *
     * @param kind what the result holds
     */
    record Result(ResultKind kind) implements Outcome {

      public Result {
        Objects.requireNonNull(kind, "kind");
      }
    }

    /**
     * A JSON-RPC {@code error}.
     *
     * @param code the error code ({@code -32001} is task not found), 0 when absent
     * @param message the error message, empty when absent
     */
    record Error(int code, String message) implements Outcome {

      public Error {
        Objects.requireNonNull(message, "message");
      }
    }

    /** Not JSON, not an object, or neither a result nor an error. */
    record Unreadable() implements Outcome {}
  }

  /** What a result holds; the same for v0.3 ({@code kind}) and v1.0 (wrapper field) shapes. */
  public enum ResultKind {
    TASK,
    MESSAGE,
    STATUS_UPDATE,
    ARTIFACT_UPDATE,
    /** Any other result, such as a push notification config or a task list. */
    OTHER
  }
}
