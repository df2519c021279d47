package io.agw.gateway.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.a2a.A2aEventInfo.Outcome;
import io.agw.gateway.a2a.A2aEventInfo.ResultKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Wire samples under {@code a2a/wire} were captured from the {@code @a2a-js/sdk} 1.3.0 agent. */
class A2aCallParserTest {

  private final A2aCallParser parser = new A2aCallParser();

  @Test
  void readsV03MessageSend() {
    A2aCallInfo info =
        request(
            "{\"jsonrpc\":\"2.0\",\"id\":\"r1\",\"method\":\"message/send\",\"params\":"
                + "{\"message\":{\"kind\":\"message\",\"taskId\":\"t1\",\"contextId\":\"c1\"}}}");

    assertThat(info)
        .isEqualTo(
            new A2aCallInfo(
                Optional.of("message/send"),
                A2aMethod.SEND_MESSAGE,
                Optional.of("r1"),
                Optional.of("t1"),
                Optional.of("c1")));
  }

  @Test
  void readsV10StreamingSendWithNumericIdAndBlankIds() {
    A2aCallInfo info =
        request(
            "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"SendStreamingMessage\",\"params\":"
                + "{\"message\":{\"taskId\":\"\",\"contextId\":\"\"}}}");

    assertThat(info.kind()).isEqualTo(A2aMethod.SEND_STREAMING_MESSAGE);
    assertThat(info.kind().streaming()).isTrue();
    assertThat(info.id()).contains("42");
    assertThat(info.taskId()).isEmpty();
    assertThat(info.contextId()).isEmpty();
  }

  @Test
  void readsTaskIdOfTaskMethodsInBothDialects() {
    for (String method :
        List.of(
            "tasks/get",
            "GetTask",
            "tasks/cancel",
            "CancelTask",
            "tasks/resubscribe",
            "SubscribeToTask",
            "tasks/pushNotificationConfig/get")) {
      A2aCallInfo info =
          request("{\"id\":1,\"method\":\"" + method + "\",\"params\":{\"id\":\"t9\"}}");
      assertThat(info.taskId()).as(method).contains("t9");
      assertThat(info.kind()).as(method).isNotEqualTo(A2aMethod.UNKNOWN);
    }
  }

  @Test
  void prefersTaskIdOverConfigIdForV10PushConfigs() {
    A2aCallInfo info =
        request(
            "{\"id\":1,\"method\":\"GetTaskPushNotificationConfig\","
                + "\"params\":{\"taskId\":\"t1\",\"id\":\"cfg\"}}");
    assertThat(info.taskId()).contains("t1");
  }

  @Test
  void doesNotTakeParamsIdForOtherMethods() {
    A2aCallInfo info =
        request(
            "{\"id\":1,\"method\":\"custom/thing\",\"params\":{\"id\":\"x\",\"contextId\":\"c\"}}");
    assertThat(info.kind()).isEqualTo(A2aMethod.UNKNOWN);
    assertThat(info.method()).contains("custom/thing");
    assertThat(info.taskId()).isEmpty();
    assertThat(info.contextId()).contains("c");
  }

  @Test
  void toleratesGarbageRequests() {
    for (String body :
        List.of("", "nope", "[]", "null", "{\"method\":7,\"id\":{},\"params\":[1]}")) {
      A2aCallInfo info = request(body);
      assertThat(info.method()).as(body).isEmpty();
      assertThat(info.id()).as(body).isEmpty();
      assertThat(info.taskId()).as(body).isEmpty();
    }
    assertThat(parser.request((byte[]) null)).isEqualTo(A2aCallInfo.EMPTY);
  }

  @Test
  void readsV10SendMessageReply() throws IOException {
    A2aEventInfo info = parser.response(wire("v10-send-message.response.json"));

    assertThat(info.outcome()).isEqualTo(new Outcome.Result(ResultKind.MESSAGE));
    assertThat(info.id()).contains("1");
    assertThat(info.contextId()).isPresent();
    assertThat(info.taskId()).isEmpty();
    assertThat(info.state()).isEmpty();
  }

  @Test
  void readsV03SendMessageReply() throws IOException {
    A2aEventInfo info = parser.response(wire("v03-send-message.response.json"));
    assertThat(info.outcome()).isEqualTo(new Outcome.Result(ResultKind.MESSAGE));
    assertThat(info.contextId()).isPresent();
  }

  @Test
  void readsV10GetTaskReplyAsBareTask() throws IOException {
    A2aEventInfo info = parser.response(wire("v10-get-task.response.json"));

    assertThat(info.outcome()).isEqualTo(new Outcome.Result(ResultKind.TASK));
    assertThat(info.taskId()).isPresent();
    assertThat(info.state()).contains("completed");
  }

  @Test
  void readsErrors() throws IOException {
    A2aEventInfo info = parser.response(wire("v03-task-not-found.response.json"));
    assertThat(info.outcome()).isEqualTo(new Outcome.Error(-32001, "Task not found: nope"));
    assertThat(info.id()).contains("4");
  }

  @Test
  void readsV10StreamEvents() throws IOException {
    List<A2aEventInfo> events = sse("v10-stream.sse");

    assertThat(events)
        .extracting(A2aEventInfo::outcome)
        .containsExactly(
            new Outcome.Result(ResultKind.TASK),
            new Outcome.Result(ResultKind.STATUS_UPDATE),
            new Outcome.Result(ResultKind.ARTIFACT_UPDATE),
            new Outcome.Result(ResultKind.STATUS_UPDATE));
    assertThat(events)
        .extracting(e -> e.state().orElse("-"))
        .containsExactly("submitted", "working", "-", "completed");
    assertThat(events).extracting(A2aEventInfo::taskId).allMatch(Optional::isPresent);
    assertThat(events).extracting(A2aEventInfo::taskId).containsOnly(events.get(0).taskId());
    assertThat(events).extracting(A2aEventInfo::id).containsOnly(Optional.of("s1"));
  }

  @Test
  void readsV03StreamEvents() throws IOException {
    List<A2aEventInfo> events = sse("v03-stream.sse");

    assertThat(events)
        .extracting(A2aEventInfo::outcome)
        .containsExactly(
            new Outcome.Result(ResultKind.TASK),
            new Outcome.Result(ResultKind.STATUS_UPDATE),
            new Outcome.Result(ResultKind.ARTIFACT_UPDATE),
            new Outcome.Result(ResultKind.STATUS_UPDATE));
    assertThat(events)
        .extracting(e -> e.state().orElse("-"))
        .containsExactly("submitted", "working", "-", "completed");
    assertThat(events).extracting(A2aEventInfo::contextId).allMatch(Optional::isPresent);
    assertThat(events).extracting(A2aEventInfo::taskId).containsOnly(events.get(0).taskId());
  }

  @Test
  void readsBarePayloadsOfTheRestBinding() {
    A2aEventInfo info =
        parser.event(
            "{\"statusUpdate\":{\"taskId\":\"t\",\"contextId\":\"c\","
                + "\"status\":{\"state\":\"TASK_STATE_INPUT_REQUIRED\"}}}");
    assertThat(info)
        .isEqualTo(
            new A2aEventInfo(
                Optional.empty(),
                Optional.of("t"),
                Optional.of("c"),
                Optional.of("input-required"),
                new Outcome.Result(ResultKind.STATUS_UPDATE)));
  }

  @Test
  void reportsOtherResults() {
    assertThat(parser.event("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tasks\":[]}}").outcome())
        .isEqualTo(new Outcome.Result(ResultKind.OTHER));
    assertThat(parser.event("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}").outcome())
        .isEqualTo(new Outcome.Result(ResultKind.OTHER));
  }

  @Test
  void toleratesGarbageResponses() {
    for (String data : List.of("", "nope", "[1]", "{\"jsonrpc\":\"2.0\"}", "{\"error\":1}")) {
      assertThat(parser.event(data).outcome()).as(data).isInstanceOf(Outcome.Unreadable.class);
    }
    assertThat(parser.event(null)).isEqualTo(A2aEventInfo.EMPTY);
    assertThat(parser.event("{\"error\":{\"code\":\"x\"}}").outcome())
        .isEqualTo(new Outcome.Error(0, ""));
  }

  private A2aCallInfo request(String body) {
    return parser.request(body.getBytes(StandardCharsets.UTF_8));
  }

  private List<A2aEventInfo> sse(String name) throws IOException {
    return new String(wire(name), StandardCharsets.UTF_8)
        .lines()
        .filter(line -> line.startsWith("data:"))
        .map(line -> parser.event(line.substring("data:".length()).trim()))
        .toList();
  }

  private static byte[] wire(String name) throws IOException {
    try (InputStream in = A2aCallParserTest.class.getResourceAsStream("/a2a/wire/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }
}
