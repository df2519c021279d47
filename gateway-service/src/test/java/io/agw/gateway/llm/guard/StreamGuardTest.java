package io.agw.gateway.llm.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.guard.regex.RegexGuard;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseParser;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.model.resource.v1.BuiltinPattern;
import io.agw.model.resource.v1.ContentScope;
import io.agw.model.resource.v1.GuardRejection;
import io.agw.model.resource.v1.RegexGuardRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The stream hold-back on client streams: a match split across deltas at any boundary is masked,
 * text that cannot be part of a match is released at once, a rejection ends the stream with an
 * error event and never sends the matched text.
 */
class StreamGuardTest {

  private static final String TEXT = "Mail john@example.com or call 555-123-4567 today.";

  private static RegexGuard guard(boolean reject, BuiltinPattern... builtins) {
    var b = io.agw.model.resource.v1.RegexGuard.newBuilder().setReject(reject);
    for (BuiltinPattern p : builtins) {
      b.addRules(RegexGuardRule.newBuilder().setBuiltin(p));
    }
    return RegexGuard.of(b.build());
  }

  private static Rejection rejection(String body) {
    return new Rejection(
        GuardRejection.newBuilder()
            .setStatus(403)
            .setBody(com.google.protobuf.ByteString.copyFromUtf8(body))
            .build());
  }

  private static StreamGuard masking(ClientApi api) {
    return new StreamGuard(
        api,
        List.of(guard(false, BuiltinPattern.BUILTIN_EMAIL, BuiltinPattern.BUILTIN_PHONE_NUMBER)),
        List.of(rejection("x")));
  }

  private static String chatChunk(String content) {
    return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
        + "\"delta\":{\"content\":"
        + WireJson.write(content)
        + "},\"finish_reason\":null}]}\n\n";
  }

  private static final String CHAT_END =
      "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
          + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
          + "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"total_tokens\":9}}\n\n"
          + "data: [DONE]\n\n";

  private static String messagesDelta(String text) {
    return "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"text_delta\",\"text\":"
        + WireJson.write(text)
        + "}}\n\n";
  }

  private static final String MESSAGES_START =
      "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\"}}\n\n"
          + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
          + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";

  private static final String MESSAGES_END =
      "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
          + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":"
          + "{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":9}}\n\n"
          + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

  /** The events a client parses from the guarded stream. */
  private static List<SseEvent> run(StreamGuard guard, List<String> pieces) {
    StringBuilder out = new StringBuilder();
    for (String piece : pieces) {
      out.append(guard.onText(piece));
      if (guard.ended()) {
        break;
      }
    }
    out.append(guard.onEnd());
    SseParser parser = new SseParser();
    List<SseEvent> events = new ArrayList<>(parser.feed(out.toString()));
    events.addAll(parser.finish());
    return events;
  }

  private static String chatText(List<SseEvent> events) {
    StringBuilder text = new StringBuilder();
    for (SseEvent e : events) {
      if (!e.isDone()) {
        for (JsonNode choice : WireJson.tree(e.data()).path("choices")) {
          text.append(choice.path("delta").path("content").asString(""));
        }
      }
    }
    return text.toString();
  }

  private static String messagesText(List<SseEvent> events) {
    StringBuilder text = new StringBuilder();
    for (SseEvent e : events) {
      JsonNode data = WireJson.tree(e.data());
      if (data.path("type").asString("").equals("content_block_delta")) {
        text.append(data.path("delta").path("text").asString(""));
      }
    }
    return text.toString();
  }

  private static final String MASKED = "Mail <EMAIL_ADDRESS> or call <PHONE_NUMBER> today.";

  @Test
  void chatMatchesSplitAtEveryBoundaryAreMasked() {
    for (int i = 1; i < TEXT.length(); i++) {
      for (int j = i + 1; j < TEXT.length(); j += 7) {
        List<String> pieces =
            List.of(
                chatChunk(TEXT.substring(0, i)),
                chatChunk(TEXT.substring(i, j)),
                chatChunk(TEXT.substring(j)),
                CHAT_END);
        List<SseEvent> events = run(masking(ClientApi.COMPLETIONS), pieces);
        assertThat(chatText(events)).as("split at %d and %d", i, j).isEqualTo(MASKED);
        assertThat(events.get(events.size() - 1).isDone()).isTrue();
        assertThat(events.toString()).contains("\"finish_reason\":\"stop\"", "total_tokens");
      }
    }
  }

  @Test
  void messagesMatchesSplitAtEveryBoundaryAreMasked() {
    for (int i = 1; i < TEXT.length(); i++) {
      List<String> pieces =
          List.of(
              MESSAGES_START,
              messagesDelta(TEXT.substring(0, i)),
              messagesDelta(TEXT.substring(i)),
              MESSAGES_END);
      List<SseEvent> events = run(masking(ClientApi.MESSAGES), pieces);
      assertThat(messagesText(events)).as("split at %d", i).isEqualTo(MASKED);
      assertThat(events.get(events.size() - 1).event()).isEqualTo("message_stop");
      assertThat(events.toString()).contains("end_turn", "output_tokens");
    }
  }

  @Test
  void aCharacterAtATimeIsMaskedAndOnlyAPossibleMatchIsHeld() {
    StreamGuard guard = masking(ClientApi.COMPLETIONS);
    StringBuilder released = new StringBuilder();
    for (char c : TEXT.toCharArray()) {
      String out = guard.onText(chatChunk(String.valueOf(c)));
      released.append(chatText(new SseParser().feed(out)));
    }
    // Before the end, only the last word (which could still become an address) is held.
    assertThat(released.toString()).isEqualTo("Mail <EMAIL_ADDRESS> or call <PHONE_NUMBER> ");
    String rest = guard.onText(CHAT_END) + guard.onEnd();
    assertThat(chatText(new SseParser().feed(rest))).isEqualTo("today.");
  }

  @Test
  void aRejectionEndsTheStreamWithAnErrorEventAndNeverSendsTheMatch() {
    for (ClientApi api : List.of(ClientApi.COMPLETIONS, ClientApi.MESSAGES)) {
      StreamGuard guard =
          new StreamGuard(
              api,
              List.of(guard(true, BuiltinPattern.BUILTIN_PHONE_NUMBER)),
              List.of(rejection("the answer contained a phone number")));
      List<String> pieces = new ArrayList<>();
      if (api == ClientApi.MESSAGES) {
        pieces.add(MESSAGES_START);
      }
      for (String piece : List.of("Call 555-", "123-45", "67 now", " and more")) {
        pieces.add(api == ClientApi.MESSAGES ? messagesDelta(piece) : chatChunk(piece));
      }
      pieces.add(api == ClientApi.MESSAGES ? MESSAGES_END : CHAT_END);

      List<SseEvent> events = run(guard, pieces);

      assertThat(guard.ended()).isTrue();
      String all = events.toString();
      assertThat(all).doesNotContain("555", "4567", "more");
      SseEvent last = events.get(events.size() - 1);
      JsonNode error = WireJson.tree(last.data());
      assertThat(error.path("error").path("message").asString())
          .isEqualTo("the answer contained a phone number");
      if (api == ClientApi.MESSAGES) {
        assertThat(last.event()).isEqualTo("error");
        assertThat(error.path("type").asString()).isEqualTo("error");
      }
    }
  }

  private static String responsesEvent(String type, int seq, String fields) {
    return "event: "
        + type
        + "\ndata: {\"type\":\""
        + type
        + "\",\"sequence_number\":"
        + seq
        + ","
        + fields
        + "}\n\n";
  }

  @Test
  void responsesMatchesSplitAtEveryBoundaryAreMaskedInEveryEventThatRepeatsTheText() {
    String at = "\"item_id\":\"m\",\"output_index\":0,\"content_index\":0,";
    String message =
        "{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":"
            + WireJson.write(TEXT)
            + "}]}";
    for (int i = 1; i < TEXT.length(); i++) {
      List<String> pieces =
          List.of(
              responsesEvent(
                  "response.output_text.delta",
                  1,
                  at + "\"delta\":" + WireJson.write(TEXT.substring(0, i))),
              responsesEvent(
                  "response.output_text.delta",
                  2,
                  at + "\"delta\":" + WireJson.write(TEXT.substring(i))),
              responsesEvent(
                  "response.output_text.done", 3, at + "\"text\":" + WireJson.write(TEXT)),
              responsesEvent(
                  "response.content_part.done",
                  4,
                  at + "\"part\":{\"type\":\"output_text\",\"text\":" + WireJson.write(TEXT) + "}"),
              responsesEvent(
                  "response.output_item.done", 5, "\"output_index\":0,\"item\":" + message),
              responsesEvent(
                  "response.completed",
                  6,
                  "\"response\":{\"output\":[" + message + "],\"usage\":{\"total_tokens\":9}}"));

      List<SseEvent> events = run(masking(ClientApi.RESPONSES), pieces);

      StringBuilder deltas = new StringBuilder();
      long previous = 0;
      for (SseEvent e : events) {
        JsonNode data = WireJson.tree(e.data());
        if (data.path("type").asString("").equals("response.output_text.delta")) {
          deltas.append(data.path("delta").asString(""));
        }
        assertThat(data.path("sequence_number").asLong()).isGreaterThan(previous);
        previous = data.path("sequence_number").asLong();
      }
      assertThat(deltas.toString()).as("split at %d", i).isEqualTo(MASKED);
      String all = events.toString();
      assertThat(all).doesNotContain("john", "4567").contains("total_tokens");
      JsonNode completed = WireJson.tree(events.get(events.size() - 1).data());
      assertThat(
              completed
                  .path("response")
                  .path("output")
                  .get(0)
                  .path("content")
                  .get(0)
                  .path("text")
                  .asString())
          .isEqualTo(MASKED);
    }
  }

  private static String responsesEvent(String type, String json) {
    return "event: " + type + "\ndata: " + json + "\n\n";
  }

  @Test
  void responsesToolArgumentsSplitAtEveryBoundaryAreMaskedInEveryEventThatCarriesThem() {
    String args = "{\"to\":\"john@example.com\",\"body\":\"hi\"}";
    String masked = "{\"to\":\"<EMAIL_ADDRESS>\",\"body\":\"hi\"}";
    for (int i = 1; i < args.length(); i++) {
      StreamGuard guard =
          StreamGuard.incremental(
              ClientApi.RESPONSES,
              List.of(guard(false, BuiltinPattern.BUILTIN_EMAIL)),
              List.of(rejection("x")),
              List.of(Set.of(ContentScope.CONTENT_SCOPE_TOOL_INPUT)),
              null);
      String item =
          "{\"type\":\"function_call\",\"id\":\"fc\",\"name\":\"send\",\"arguments\":"
              + WireJson.write(args)
              + "}";
      List<String> pieces =
          List.of(
              responsesEvent(
                  "response.function_call_arguments.delta",
                  "{\"type\":\"response.function_call_arguments.delta\",\"output_index\":0,"
                      + "\"sequence_number\":1,\"delta\":"
                      + WireJson.write(args.substring(0, i))
                      + "}"),
              responsesEvent(
                  "response.function_call_arguments.delta",
                  "{\"type\":\"response.function_call_arguments.delta\",\"output_index\":0,"
                      + "\"sequence_number\":2,\"delta\":"
                      + WireJson.write(args.substring(i))
                      + "}"),
              responsesEvent(
                  "response.function_call_arguments.done",
                  "{\"type\":\"response.function_call_arguments.done\",\"output_index\":0,"
                      + "\"sequence_number\":3,\"arguments\":"
                      + WireJson.write(args)
                      + "}"),
              responsesEvent(
                  "response.output_item.done",
                  "{\"type\":\"response.output_item.done\",\"output_index\":0,"
                      + "\"sequence_number\":4,\"item\":"
                      + item
                      + "}"),
              responsesEvent(
                  "response.completed",
                  "{\"type\":\"response.completed\",\"sequence_number\":5,"
                      + "\"response\":{\"output\":["
                      + item
                      + "]}}"));
      List<SseEvent> events = run(guard, pieces);
      StringBuilder streamed = new StringBuilder();
      long sequence = 0;
      for (SseEvent e : events) {
        JsonNode data = WireJson.tree(e.data());
        assertThat(data.path("sequence_number").asLong()).isGreaterThan(sequence);
        sequence = data.path("sequence_number").asLong();
        switch (data.path("type").asString()) {
          case "response.function_call_arguments.delta" ->
              streamed.append(data.path("delta").asString());
          case "response.function_call_arguments.done" ->
              assertThat(data.path("arguments").asString()).isEqualTo(masked);
          case "response.output_item.done" ->
              assertThat(data.path("item").path("arguments").asString()).isEqualTo(masked);
          case "response.completed" ->
              assertThat(data.path("response").path("output").get(0).path("arguments").asString())
                  .isEqualTo(masked);
          default -> {}
        }
      }
      assertThat(streamed.toString()).as("split at %d", i).isEqualTo(masked);
      assertThat(events.toString()).doesNotContain("john");
    }
  }
}
