package io.agw.gateway.llm.provider.openai.responses;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.StreamErrorException;
import io.agw.gateway.llm.provider.StreamMapper;
import io.agw.gateway.llm.wire.openai.ResponseUsage;
import io.agw.gateway.llm.wire.openai.ResponsesResponse;
import io.agw.gateway.llm.wire.openai.ResponsesStreamEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Translates OpenAI chat completion chunks (from Gemini's OpenAI-compatible endpoint) into OpenAI
 * Responses stream events, written by a {@link ResponsesStreamBuilder}: {@code response.created}
 * first, the text as one {@code message} item ({@code output_text.delta} events), each tool call as
 * a {@code function_call} item ({@code function_call_arguments.delta} events), the items done when
 * the choice finishes, and {@code response.completed} (or {@code response.incomplete} at the token
 * limit) with the whole output and the usage when the chunks end.
 *
 * <p>Lifecycle: one instance per response; {@link #map} per chunk in order, then {@link #end()}.
 * Not thread-safe.
 */
public final class ChatToResponsesStreamMapper
    implements StreamMapper<JsonNode, ResponsesStreamEvent> {

  private final ResponsesStreamBuilder events;
  private ResponsesStreamBuilder.OpenItem text;
  private final TreeMap<Integer, ResponsesStreamBuilder.OpenItem> calls = new TreeMap<>();
  private boolean ended;
  private String finishReason;
  private ResponseUsage usage;

  public ChatToResponsesStreamMapper(String model) {
    this(model, Clock.systemUTC());
  }

  public ChatToResponsesStreamMapper(String model, Clock clock) {
    this.events = new ResponsesStreamBuilder(model, clock);
  }

  /**
   * The events for one chunk.
   *
   * @throws StreamErrorException for an error the upstream sent inside the stream
   */
  @Override
  public List<ResponsesStreamEvent> map(JsonNode chunk) {
    if (chunk.has("error")) {
      JsonNode error = chunk.get("error");
      throw new StreamErrorException(
          error.path("type").asString("api_error"), error.path("message").asString(null));
    }
    List<ResponsesStreamEvent> out = new ArrayList<>();
    events.start(out);
    if (chunk.path("usage").isObject()) {
      usage = ChatToResponsesMapper.usage(chunk.get("usage"));
    }
    for (JsonNode choice : chunk.path("choices")) {
      if (choice.path("index").asInt(0) != 0) {
        continue;
      }
      JsonNode delta = choice.path("delta");
      String content = delta.path("content").asString("");
      if (!content.isEmpty()) {
        if (text == null) {
          text = events.openMessage(out);
        }
        events.textDelta(text, content, out);
      }
      for (JsonNode call : delta.path("tool_calls")) {
        call(call, out);
      }
      if (choice.path("finish_reason").isString()) {
        finishReason = choice.get("finish_reason").asString();
        closeAll(out);
      }
    }
    return out;
  }

  /** The events at the end of the chunks ({@code [DONE]} or the end of the body). */
  @Override
  public List<ResponsesStreamEvent> end() {
    List<ResponsesStreamEvent> out = new ArrayList<>();
    if (ended) {
      return out;
    }
    events.start(out);
    ended = true;
    closeAll(out);
    events.complete("length".equals(finishReason), usage, out);
    return out;
  }

  /** The final response object, once {@link #end()} ran; null before. */
  public ResponsesResponse finalResponse() {
    return events.finalResponse();
  }

  /** Never: the chunks are complete at the upstream's {@code [DONE]} ({@link #end()}). */
  @Override
  public boolean complete() {
    return false;
  }

  /** The usage of the final response; none before {@link #end()}. */
  @Override
  public TokenUsage usage() {
    ResponsesResponse last = events.finalResponse();
    return last == null ? TokenUsage.NONE : ResponsesUsage.of(last);
  }

  private void call(JsonNode call, List<ResponsesStreamEvent> out) {
    int index = call.path("index").asInt(calls.size());
    ResponsesStreamBuilder.OpenItem item = calls.get(index);
    JsonNode function = call.path("function");
    if (item == null) {
      item =
          events.openFunctionCall(
              call.path("id").asString("call_" + index), function.path("name").asString(""), out);
      calls.put(index, item);
    }
    String arguments = function.path("arguments").asString("");
    if (!arguments.isEmpty()) {
      events.argumentsDelta(item, arguments, out);
    }
  }

  private void closeAll(List<ResponsesStreamEvent> out) {
    if (text != null) {
      events.close(text, out);
      text = null;
    }
    for (ResponsesStreamBuilder.OpenItem call : calls.values()) {
      events.close(call, out);
    }
    calls.clear();
  }
}
