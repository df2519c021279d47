package io.agw.gateway.a2a;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The A2A JSON-RPC methods, each known by its v0.3 name ({@code message/send}) and its v1.0 name
 * ({@code SendMessage}), so metrics and logs use one label whichever dialect the client speaks.
 */
public enum A2aMethod {
  SEND_MESSAGE("message/send", "SendMessage", false),
  SEND_STREAMING_MESSAGE("message/stream", "SendStreamingMessage", true),
  GET_TASK("tasks/get", "GetTask", false),
  LIST_TASKS("tasks/list", "ListTasks", false),
  CANCEL_TASK("tasks/cancel", "CancelTask", false),
  SUBSCRIBE_TO_TASK("tasks/resubscribe", "SubscribeToTask", true),
  CREATE_PUSH_CONFIG("tasks/pushNotificationConfig/set", "CreateTaskPushNotificationConfig", false),
  GET_PUSH_CONFIG("tasks/pushNotificationConfig/get", "GetTaskPushNotificationConfig", false),
  LIST_PUSH_CONFIGS("tasks/pushNotificationConfig/list", "ListTaskPushNotificationConfigs", false),
  DELETE_PUSH_CONFIG(
      "tasks/pushNotificationConfig/delete", "DeleteTaskPushNotificationConfig", false),
  GET_EXTENDED_CARD("agent/getAuthenticatedExtendedCard", "GetExtendedAgentCard", false),
  /** Any other method name, or none. */
  UNKNOWN("", "", false);

  private static final Map<String, A2aMethod> BY_WIRE_NAME =
      Arrays.stream(values())
          .filter(m -> m != UNKNOWN)
          .flatMap(m -> Stream.of(Map.entry(m.v03Name, m), Map.entry(m.v10Name, m)))
          .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

  private final String v03Name;
  private final String v10Name;
  private final boolean streaming;

  A2aMethod(String v03Name, String v10Name, boolean streaming) {
    this.v03Name = v03Name;
    this.v10Name = v10Name;
    this.streaming = streaming;
  }

  /** The method for a wire name of either dialect; {@link #UNKNOWN} for anything else. */
  public static A2aMethod fromWire(String name) {
    return name == null ? UNKNOWN : BY_WIRE_NAME.getOrDefault(name, UNKNOWN);
  }

  /** Whether the response is an SSE stream rather than one JSON-RPC response. */
  public boolean streaming() {
    return streaming;
  }

  /** The v0.3 name, e.g. {@code message/send}; empty for {@link #UNKNOWN}. */
  public String v03Name() {
    return v03Name;
  }

  /** The v1.0 name, e.g. {@code SendMessage}; empty for {@link #UNKNOWN}. */
  public String v10Name() {
    return v10Name;
  }
}
