package io.agw.gateway.llm.provider.openai.responses;

import io.agw.gateway.llm.StreamErrorException;
import io.agw.gateway.llm.TokenUsage;
import io.agw.gateway.llm.provider.StreamMapper;
import io.agw.gateway.llm.wire.WireJson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates OpenAI chat completion chunks (from Gemini's OpenAI-compatible endpoint) into OpenAI
 * Responses stream events: {@code response.created} first, the text as one {@code message} item
 * ({@code output_text.delta} events), each tool call as a {@code function_call} item ({@code
 * function_call_arguments.delta} events), the items done when the choice finishes, and {@code
 * response.completed} (or {@code response.incomplete} at the token limit) with the whole output and
 * the usage when the chunks end. Every event carries its {@code sequence_number}.
 *
 * <p>Lifecycle: one instance per response; {@link #map} per chunk in order, then {@link #end()}.
 * Not thread-safe.
 */
public final class ChatToResponsesStreamMapper implements StreamMapper<JsonNode, ObjectNode> {

  private final String model;
  private final String id = "resp_" + UUID.randomUUID().toString().replace("-", "");
  private final long created;
  private final List<ObjectNode> output = new ArrayList<>();
  private Item text;
  private final TreeMap<Integer, Item> calls = new TreeMap<>();
  private int sequence;
  private boolean started;
  private boolean ended;
  private String finishReason;
  private ObjectNode usage;
  private ObjectNode last;

  /** An output item being streamed, with what it accumulated. */
  private static final class Item {
    final ObjectNode item;
    final int outputIndex;
    final StringBuilder text = new StringBuilder();

    Item(ObjectNode item, int outputIndex) {
      this.item = item;
      this.outputIndex = outputIndex;
    }
  }

  public ChatToResponsesStreamMapper(String model) {
    this(model, Clock.systemUTC());
  }

  public ChatToResponsesStreamMapper(String model, Clock clock) {
    this.model = model;
    this.created = clock.instant().getEpochSecond();
  }

  /**
   * The events for one chunk.
   *
   * @throws StreamErrorException for an error the upstream sent inside the stream
   */
  @Override
  public List<ObjectNode> map(JsonNode chunk) {
    if (chunk.has("error")) {
      JsonNode error = chunk.get("error");
      throw new StreamErrorException(
          error.path("type").asString("api_error"), error.path("message").asString(null));
    }
    List<ObjectNode> out = new ArrayList<>();
    start(out);
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
        text(content, out);
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
  public List<ObjectNode> end() {
    List<ObjectNode> out = new ArrayList<>();
    if (ended) {
      return out;
    }
    start(out);
    ended = true;
    closeAll(out);
    boolean truncated = "length".equals(finishReason);
    ObjectNode response = response(truncated ? "incomplete" : "completed");
    ArrayNode items = response.putArray("output");
    output.forEach(items::add);
    if (usage != null) {
      response.set("usage", usage);
    }
    last = response;
    ObjectNode e = event(truncated ? "response.incomplete" : "response.completed");
    e.set("response", response);
    out.add(e);
    return out;
  }

  /** The final response object, once {@link #end()} ran; null before. */
  public ObjectNode finalResponse() {
    return last;
  }

  /** Never: the chunks are complete at the upstream's {@code [DONE]} ({@link #end()}). */
  @Override
  public boolean complete() {
    return false;
  }

  /** The usage of the final response; none before {@link #end()}. */
  @Override
  public TokenUsage usage() {
    return last == null ? TokenUsage.NONE : ResponsesUsage.of(last);
  }

  private void start(List<ObjectNode> out) {
    if (!started) {
      started = true;
      ObjectNode e = event("response.created");
      e.set("response", response("in_progress"));
      out.add(e);
    }
  }

  private void text(String delta, List<ObjectNode> out) {
    if (text == null) {
      text = begin(ResponsesItems.messageItem("in_progress"), out);
      ObjectNode added = itemEvent("response.content_part.added", text);
      added.put("content_index", 0);
      added.set("part", ResponsesItems.outputText(""));
      out.add(added);
    }
    text.text.append(delta);
    out.add(
        itemEvent("response.output_text.delta", text).put("content_index", 0).put("delta", delta));
  }

  private void call(JsonNode call, List<ObjectNode> out) {
    int index = call.path("index").asInt(calls.size());
    Item item = calls.get(index);
    JsonNode function = call.path("function");
    if (item == null) {
      item =
          begin(
              ResponsesItems.functionCall(
                  call.path("id").asString("call_" + index),
                  function.path("name").asString(""),
                  "",
                  "in_progress"),
              out);
      calls.put(index, item);
    }
    String arguments = function.path("arguments").asString("");
    if (!arguments.isEmpty()) {
      item.text.append(arguments);
      out.add(itemEvent("response.function_call_arguments.delta", item).put("delta", arguments));
    }
  }

  private Item begin(ObjectNode item, List<ObjectNode> out) {
    Item o = new Item(item, output.size() + (text == null ? 0 : 1) + calls.size());
    ObjectNode e = event("response.output_item.added");
    e.put("output_index", o.outputIndex);
    e.set("item", item.deepCopy());
    out.add(e);
    return o;
  }

  private void closeAll(List<ObjectNode> out) {
    if (text != null) {
      String t = text.text.toString();
      out.add(itemEvent("response.output_text.done", text).put("content_index", 0).put("text", t));
      ObjectNode part = itemEvent("response.content_part.done", text).put("content_index", 0);
      part.set("part", ResponsesItems.outputText(t));
      out.add(part);
      text.item.withArray("content").add(ResponsesItems.outputText(t));
      text.item.put("status", "completed");
      done(text, out);
      text = null;
    }
    for (Item call : calls.values()) {
      String arguments = call.text.isEmpty() ? "{}" : call.text.toString();
      out.add(
          itemEvent("response.function_call_arguments.done", call)
              .put("arguments", arguments)
              .put("name", call.item.path("name").asString()));
      call.item.put("arguments", arguments).put("status", "completed");
      done(call, out);
    }
    calls.clear();
  }

  private void done(Item item, List<ObjectNode> out) {
    ObjectNode e = event("response.output_item.done");
    e.put("output_index", item.outputIndex);
    e.set("item", item.item);
    out.add(e);
    output.add(item.item);
  }

  private ObjectNode response(String status) {
    ObjectNode r = WireJson.nodes().objectNode();
    r.put("id", id).put("object", "response").put("created_at", created).put("model", model);
    r.put("status", status);
    r.putArray("output");
    return r;
  }

  private ObjectNode event(String type) {
    return WireJson.nodes().objectNode().put("type", type).put("sequence_number", ++sequence);
  }

  private ObjectNode itemEvent(String type, Item item) {
    return event(type)
        .put("item_id", item.item.path("id").asString())
        .put("output_index", item.outputIndex);
  }
}
