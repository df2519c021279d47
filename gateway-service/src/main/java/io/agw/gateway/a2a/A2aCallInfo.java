package io.agw.gateway.a2a;

import java.util.Objects;
import java.util.Optional;

/**
 * What the gateway reads from an A2A JSON-RPC request: for logs, metrics and routing by task.
 * Immutable; {@link #EMPTY} stands for a body that is not a JSON-RPC request.
 *
 * @param method the method name as sent, empty when absent or not a string
 * @param kind the method, whichever dialect named it
 * @param id the JSON-RPC id as text (a number's decimal form), empty when absent or null
 * @param taskId the task the call addresses ({@code params.message.taskId}, {@code params.taskId}
 *     or, for task methods, {@code params.id}), empty when none
 * @param contextId {@code params.message.contextId} or {@code params.contextId}, empty when none
 */
public record A2aCallInfo(
    Optional<String> method,
    A2aMethod kind,
    Optional<String> id,
    Optional<String> taskId,
    Optional<String> contextId) {

  /** Nothing could be read. */
  public static final A2aCallInfo EMPTY =
      new A2aCallInfo(
          Optional.empty(),
          A2aMethod.UNKNOWN,
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  public A2aCallInfo {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(contextId, "contextId");
  }
}
