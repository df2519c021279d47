package io.agw.gateway.llm.guard;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.guard.regex.RegexGuard;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseParser;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The response guards of one streamed answer, on the client's own stream (chat completions chunks
 * or Messages events): each text (a choice's content, a content block) runs through the guards in
 * order with a hold-back ({@link HeldText}), so a match split across deltas is masked all the same;
 * a delta carries what may be released now, and what was held is released just before the text ends
 * (the chunk with the choice's finish reason, the block's {@code content_block_stop}). A rejection
 * ends the stream with an error event in the client's format; nothing after it is sent. Other
 * events (usage, tool calls, stop reasons) pass unchanged. Not thread-safe: one per stream.
 */
public final class StreamGuard {

  private final ClientApi api;
  private final List<RegexGuard> guards;
  private final List<Rejection> rejections;
  private final SseParser parser = new SseParser();
  private final Map<String, List<HeldText>> texts = new HashMap<>();

  /** Responses: the text sent so far per output text, for the events that repeat it whole. */
  private final Map<String, StringBuilder> sent = new HashMap<>();

  /** Responses: events inserted so far, to keep {@code sequence_number} strictly increasing. */
  private int inserted;

  private boolean ended;
  private Rejection rejection;

  StreamGuard(ClientApi api, List<RegexGuard> guards, List<Rejection> rejections) {
    this.api = api;
    this.guards = guards;
    this.rejections = rejections;
  }

  /** Whether answers of {@code api} can be guarded while they stream. */
  static boolean supports(ClientApi api) {
    return api == ClientApi.COMPLETIONS || api == ClientApi.MESSAGES || api == ClientApi.RESPONSES;
  }

  /** Whether a rejection ended the stream; the caller sends nothing more then. */
  public boolean ended() {
    return ended;
  }

  /** Takes client SSE text as the translator produced it; returns the SSE text to send. */
  public String onText(String sse) {
    if (ended) {
      return "";
    }
    return events(parser.feed(sse));
  }

  /** The end of the upstream stream: whatever the parser still held. */
  public String onEnd() {
    if (ended) {
      return "";
    }
    return events(parser.finish());
  }

  private String events(List<SseEvent> events) {
    StringBuilder out = new StringBuilder();
    for (SseEvent event : events) {
      if (ended) {
        break;
      }
      out.append(
          switch (api) {
            case MESSAGES -> messagesEvent(event);
            case RESPONSES -> responsesEvent(event);
            default -> chatEvent(event);
          });
    }
    return out.toString();
  }

  private String chatEvent(SseEvent event) {
    if (event.isDone()) {
      return flushAll(Dialect.OPENAI) + SseWriter.write(event);
    }
    ObjectNode chunk = object(event.data());
    if (chunk == null) {
      return SseWriter.write(event);
    }
    for (JsonNode choiceNode : chunk.path("choices")) {
      if (!(choiceNode instanceof ObjectNode choice)) {
        continue;
      }
      String key = "choice:" + choice.path("index").asInt(0);
      JsonNode deltaNode = choice.get("delta");
      String text = "";
      if (deltaNode instanceof ObjectNode delta && delta.path("content").isString()) {
        text = feed(key, delta.path("content").stringValue());
      }
      boolean finished = choice.hasNonNull("finish_reason");
      if (finished) {
        text = text + finish(key);
      }
      if (ended) {
        return rejected(Dialect.OPENAI);
      }
      if (deltaNode instanceof ObjectNode delta
          && (delta.path("content").isString() || (finished && !text.isEmpty()))) {
        delta.put("content", text);
      }
    }
    return SseWriter.write(new SseEvent(event.event(), WireJson.write(chunk)));
  }

  private String messagesEvent(SseEvent event) {
    ObjectNode data = object(event.data());
    if (data == null) {
      return SseWriter.write(event);
    }
    String type = data.path("type").asString("");
    String key = "block:" + data.path("index").asInt(0);
    if (type.equals("content_block_delta")
        && data.get("delta") instanceof ObjectNode delta
        && delta.path("type").asString("").equals("text_delta")) {
      String text = feed(key, delta.path("text").asString(""));
      if (ended) {
        return rejected(Dialect.ANTHROPIC);
      }
      delta.put("text", text);
      return SseWriter.write(new SseEvent(event.event(), WireJson.write(data)));
    }
    if (type.equals("content_block_stop") && texts.containsKey(key)) {
      String rest = finish(key);
      if (ended) {
        return rejected(Dialect.ANTHROPIC);
      }
      String flush = rest.isEmpty() ? "" : textDelta(data.path("index").asInt(0), rest);
      return flush + SseWriter.write(event);
    }
    if (type.equals("message_stop") || type.equals("message_delta")) {
      String flush = flushAll(Dialect.ANTHROPIC);
      return ended ? flush : flush + SseWriter.write(event);
    }
    return SseWriter.write(event);
  }

  private String responsesEvent(SseEvent event) {
    ObjectNode data = object(event.data());
    if (data == null) {
      return SseWriter.write(event);
    }
    String type = data.path("type").asString("");
    String key =
        "text:" + data.path("output_index").asInt(0) + ":" + data.path("content_index").asInt(0);
    String before = "";
    switch (type) {
      case "response.output_text.delta" -> {
        String text = feed(key, data.path("delta").asString(""));
        if (ended) {
          return rejected(Dialect.OPENAI);
        }
        sent.computeIfAbsent(key, k -> new StringBuilder()).append(text);
        data.put("delta", text);
      }
      case "response.output_text.done" -> {
        String rest = finish(key);
        if (ended) {
          return rejected(Dialect.OPENAI);
        }
        if (!rest.isEmpty()) {
          sent.computeIfAbsent(key, k -> new StringBuilder()).append(rest);
          ObjectNode delta = data.deepCopy();
          delta.remove("text");
          delta.put("type", "response.output_text.delta");
          delta.put("delta", rest);
          renumber(delta);
          inserted++;
          before =
              SseWriter.write(new SseEvent("response.output_text.delta", WireJson.write(delta)));
        }
        data.put("text", whole(key, data.path("text").asString("")));
      }
      case "response.content_part.done" -> {
        if (data.get("part") instanceof ObjectNode part && part.path("text").isString()) {
          part.put("text", whole(key, part.path("text").asString("")));
        }
      }
      case "response.output_item.done" -> {
        if (data.get("item") instanceof ObjectNode item) {
          wholeTexts(item, data.path("output_index").asInt(0));
        }
      }
      case "response.completed", "response.incomplete", "response.failed" -> {
        JsonNode output = data.path("response").path("output");
        for (int i = 0; i < output.size(); i++) {
          if (output.get(i) instanceof ObjectNode item) {
            wholeTexts(item, i);
          }
        }
      }
      default -> {}
    }
    if (ended) {
      return rejected(Dialect.OPENAI);
    }
    renumber(data);
    return before + SseWriter.write(new SseEvent(event.event(), WireJson.write(data)));
  }

  private void wholeTexts(ObjectNode item, int outputIndex) {
    if (!"message".equals(item.path("type").asString(""))) {
      return;
    }
    JsonNode content = item.path("content");
    for (int c = 0; c < content.size(); c++) {
      if (content.get(c) instanceof ObjectNode part && part.path("text").isString()) {
        part.put("text", whole("text:" + outputIndex + ":" + c, part.path("text").asString("")));
      }
    }
  }

  /**
   * The guarded whole of an output text: what was sent of it, or (a text that never streamed) the
   * text itself through the guards.
   */
  private String whole(String key, String original) {
    StringBuilder streamed = sent.get(key);
    if (streamed != null) {
      return streamed.toString();
    }
    String text = original;
    for (int i = 0; i < guards.size(); i++) {
      RegexGuard g = guards.get(i);
      if (g.rejects() && g.matches(text)) {
        reject(i);
        return "";
      }
      if (!g.rejects()) {
        text = g.mask(text);
      }
    }
    return text;
  }

  private void renumber(ObjectNode data) {
    if (inserted > 0 && data.path("sequence_number").isIntegralNumber()) {
      data.put("sequence_number", data.path("sequence_number").asLong() + inserted);
    }
  }

  /** Releases every text still open (a stream that ends without closing them). */
  private String flushAll(Dialect client) {
    StringBuilder out = new StringBuilder();
    for (String key : List.copyOf(texts.keySet())) {
      String rest = finish(key);
      if (ended) {
        return rejected(client);
      }
      if (!rest.isEmpty()) {
        int index = Integer.parseInt(key.substring(key.indexOf(':') + 1));
        out.append(
            client == Dialect.ANTHROPIC
                ? textDelta(index, rest)
                : SseWriter.write(
                    SseEvent.data(
                        "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":"
                            + index
                            + ",\"delta\":{\"content\":"
                            + WireJson.write(rest)
                            + "}}]}")));
      }
    }
    return out.toString();
  }

  private static String textDelta(int index, String text) {
    return SseWriter.write(
        new SseEvent(
            "content_block_delta",
            "{\"type\":\"content_block_delta\",\"index\":"
                + index
                + ",\"delta\":{\"type\":\"text_delta\",\"text\":"
                + WireJson.write(text)
                + "}}"));
  }

  private String feed(String key, String delta) {
    List<HeldText> chain = texts.computeIfAbsent(key, k -> newChain());
    String text = delta;
    for (int i = 0; i < chain.size(); i++) {
      text = chain.get(i).append(text);
      if (chain.get(i).rejected()) {
        reject(i);
        return "";
      }
    }
    return text;
  }

  private String finish(String key) {
    List<HeldText> chain = texts.remove(key);
    if (chain == null) {
      return "";
    }
    String text = "";
    for (int i = 0; i < chain.size(); i++) {
      HeldText held = chain.get(i);
      String appended = held.append(text);
      String rest = held.rejected() ? "" : held.finish();
      if (held.rejected()) {
        reject(i);
        return "";
      }
      text = appended + rest;
    }
    return text;
  }

  private void reject(int guard) {
    ended = true;
    rejection = rejections.get(guard);
  }

  private String rejected(Dialect client) {
    return rejection.streamEvent(client);
  }

  private List<HeldText> newChain() {
    List<HeldText> chain = new ArrayList<>(guards.size());
    guards.forEach(g -> chain.add(new HeldText(g)));
    return chain;
  }

  private static ObjectNode object(String data) {
    if (data == null || data.isBlank()) {
      return null;
    }
    try {
      return WireJson.tree(data) instanceof ObjectNode o ? o : null;
    } catch (JacksonException e) {
      return null;
    }
  }
}
