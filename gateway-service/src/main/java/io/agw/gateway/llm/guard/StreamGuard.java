package io.agw.gateway.llm.guard;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.GuardDecision;
import io.agw.gateway.exchange.GuardDecisions;
import io.agw.gateway.guard.regex.RegexGuard;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseParser;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.model.resource.v1.ContentScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
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
public final class StreamGuard implements AnswerStreamGuard {

  private final ClientApi api;
  private final List<RegexGuard> guards;
  private final List<Rejection> rejections;

  /** What each guard reads: the answer's text, tool call arguments, or both. */
  private final List<Set<ContentScope>> scopes;

  private final SseParser parser = new SseParser();
  private final Map<String, List<TextStage>> texts = new HashMap<>();

  /** Every stage made so far, per guard, for the decisions recorded at the end. */
  private final List<List<HeldText>> stages = new ArrayList<>();

  /** Whole texts, first pass: each text of the answer as it streamed, in order; else null. */
  private Map<String, String> collected;

  /** Whole texts, second pass: each text after the guards, sent when it ends; else null. */
  private Map<String, String> replacements;

  /** Where the decisions go; null for none. */
  private GuardDecisions decisions;

  private boolean recorded;

  /** Responses: the text sent so far per output text, for the events that repeat it whole. */
  private final Map<String, StringBuilder> sent = new HashMap<>();

  /** Responses: events inserted so far, to keep {@code sequence_number} strictly increasing. */
  private int inserted;

  private boolean ended;
  private Rejection rejection;

  /** Guards that read the answer's text only. */
  StreamGuard(ClientApi api, List<RegexGuard> guards, List<Rejection> rejections) {
    this(api, guards, rejections, guards.stream().map(g -> MESSAGES).toList());
  }

  private StreamGuard(
      ClientApi api,
      List<RegexGuard> guards,
      List<Rejection> rejections,
      List<Set<ContentScope>> scopes) {
    this.api = api;
    this.guards = guards;
    this.rejections = rejections;
    this.scopes = scopes;
    guards.forEach(g -> stages.add(new ArrayList<>()));
  }

  /** Regex guards only: each text is guarded as it streams, with the shortest hold-back. */
  static StreamGuard incremental(
      ClientApi api,
      List<RegexGuard> guards,
      List<Rejection> rejections,
      List<Set<ContentScope>> scopes,
      GuardDecisions log) {
    StreamGuard guard = new StreamGuard(api, guards, rejections, scopes);
    guard.decisions = log;
    return guard;
  }

  private static final Set<ContentScope> MESSAGES = Set.of(ContentScope.CONTENT_SCOPE_MESSAGES);

  /** A stage that lets a text through, for a guard that does not read it. */
  private static final TextStage UNREAD =
      new TextStage() {
        @Override
        public String append(String delta) {
          return delta;
        }

        @Override
        public String finish() {
          return "";
        }
      };

  /**
   * The scope of a text of the stream by its key: {@code tool:...} keys are the arguments of a tool
   * call, all others the answer's text.
   */
  static ContentScope scopeOf(String key) {
    return key.startsWith("tool:")
        ? ContentScope.CONTENT_SCOPE_TOOL_INPUT
        : ContentScope.CONTENT_SCOPE_MESSAGES;
  }

  /**
   * Any remote guard: a remote guard judges whole texts, so the answer is held until the upstream
   * stream ends; then all its texts pass the response guards in order (as a non-streamed answer's
   * would), and the stream is sent with each text whole (in the delta that ends it), or ends with
   * the rejection's error event.
   */
  static AnswerStreamGuard whole(ClientApi api, PromptGuards guards, GuardContext context) {
    return new WholeTextStream(api, guards, context);
  }

  /** The first pass over a whole stream: collects its texts, sends nothing of them. */
  static StreamGuard collecting(ClientApi api) {
    StreamGuard guard = new StreamGuard(api, List.of(), List.of());
    guard.collected = new LinkedHashMap<>();
    return guard;
  }

  /** The texts a collecting guard saw, by key, in the order they began. */
  Map<String, String> collected() {
    return collected;
  }

  /** The second pass over a whole stream: each text replaced, whole, when it ends. */
  static StreamGuard replacing(ClientApi api, Map<String, String> replacements) {
    StreamGuard guard = new StreamGuard(api, List.of(), List.of());
    guard.replacements = new HashMap<>(replacements);
    return guard;
  }

  @Override
  public Flux<String> guard(Flux<String> translated) {
    return translated
        .map(this::onText)
        .concatWith(Mono.fromSupplier(this::onEnd))
        .takeUntil(text -> ended)
        // Before the end reaches the client, so the exchange's telemetry sees the decisions.
        .doOnTerminate(this::record)
        .doOnCancel(this::record);
  }

  /** Records what each guard did on this stream, once. */
  private void record() {
    if (recorded || decisions == null) {
      return;
    }
    recorded = true;
    String phase = GuardPhase.RESPONSE.telemetryName();
    for (int i = 0; i < guards.size(); i++) {
      String action = GuardDecision.ALLOW;
      if (ended
          && rejection == rejections.get(i)
          && stages.get(i).stream().anyMatch(HeldText::rejected)) {
        action = GuardDecision.REJECT;
      } else if (stages.get(i).stream().anyMatch(HeldText::masked)) {
        action = GuardDecision.MASK;
      }
      decisions.record("regex", phase, action);
    }
  }

  /** A text's chain: one stage per guard, or the collecting or replacing stage of whole texts. */
  private List<TextStage> newChain(String key) {
    if (collected != null) {
      collected.putIfAbsent(key, "");
      return List.of(
          new TextStage() {
            @Override
            public String append(String delta) {
              collected.merge(key, delta, String::concat);
              return "";
            }

            @Override
            public String finish() {
              return "";
            }
          });
    }
    if (replacements != null) {
      return List.of(
          new TextStage() {
            @Override
            public String append(String delta) {
              return "";
            }

            @Override
            public String finish() {
              String text = replacements.remove(key);
              return text == null ? "" : text;
            }
          });
    }
    List<TextStage> chain = new ArrayList<>(guards.size());
    ContentScope scope = scopeOf(key);
    for (int i = 0; i < guards.size(); i++) {
      if (!scopes.get(i).contains(scope)) {
        chain.add(UNREAD);
        continue;
      }
      HeldText held = new HeldText(guards.get(i));
      stages.get(i).add(held);
      chain.add(held);
    }
    return chain;
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
    StringBuilder before = new StringBuilder();
    for (JsonNode choiceNode : chunk.path("choices")) {
      if (!(choiceNode instanceof ObjectNode choice)) {
        continue;
      }
      int index = choice.path("index").asInt(0);
      String key = "choice:" + index;
      JsonNode deltaNode = choice.get("delta");
      String text = "";
      if (deltaNode instanceof ObjectNode delta && delta.path("content").isString()) {
        text = feed(key, delta.path("content").stringValue());
      }
      if (deltaNode instanceof ObjectNode delta) {
        for (JsonNode call : delta.path("tool_calls")) {
          if (call.get("function") instanceof ObjectNode function
              && function.path("arguments").isString()) {
            String tool = "tool:" + index + ":" + call.path("index").asInt(0);
            function.put("arguments", feed(tool, function.path("arguments").stringValue()));
            if (ended) {
              return rejected(Dialect.OPENAI);
            }
          }
        }
      }
      boolean finished = choice.hasNonNull("finish_reason");
      if (finished) {
        text = text + finish(key);
        before.append(finishTools("tool:" + index + ":", Dialect.OPENAI));
      }
      if (ended) {
        return rejected(Dialect.OPENAI);
      }
      if (deltaNode instanceof ObjectNode delta
          && (delta.path("content").isString() || (finished && !text.isEmpty()))) {
        delta.put("content", text);
      }
    }
    return before + SseWriter.write(new SseEvent(event.event(), WireJson.write(chunk)));
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
    String tool = "tool:" + data.path("index").asInt(0);
    if (type.equals("content_block_delta")
        && data.get("delta") instanceof ObjectNode delta
        && delta.path("type").asString("").equals("input_json_delta")) {
      String json = feed(tool, delta.path("partial_json").asString(""));
      if (ended) {
        return rejected(Dialect.ANTHROPIC);
      }
      delta.put("partial_json", json);
      return SseWriter.write(new SseEvent(event.event(), WireJson.write(data)));
    }
    if (type.equals("content_block_stop") && texts.containsKey(tool)) {
      String rest = finish(tool);
      if (ended) {
        return rejected(Dialect.ANTHROPIC);
      }
      return flushEvent(Dialect.ANTHROPIC, tool, rest) + SseWriter.write(event);
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
    String tool = "tool:" + data.path("output_index").asInt(0);
    String before = "";
    switch (type) {
      case "response.function_call_arguments.delta" -> {
        String args = feed(tool, data.path("delta").asString(""));
        if (ended) {
          return rejected(Dialect.OPENAI);
        }
        sent.computeIfAbsent(tool, k -> new StringBuilder()).append(args);
        data.put("delta", args);
      }
      case "response.function_call_arguments.done" -> {
        String rest = finish(tool);
        if (ended) {
          return rejected(Dialect.OPENAI);
        }
        if (!rest.isEmpty()) {
          sent.computeIfAbsent(tool, k -> new StringBuilder()).append(rest);
          ObjectNode delta = data.deepCopy();
          delta.remove("arguments");
          delta.put("type", "response.function_call_arguments.delta");
          delta.put("delta", rest);
          renumber(delta);
          inserted++;
          before =
              SseWriter.write(
                  new SseEvent("response.function_call_arguments.delta", WireJson.write(delta)));
        }
        data.put("arguments", whole(tool, data.path("arguments").asString("")));
      }
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
    if ("function_call".equals(item.path("type").asString(""))
        && item.path("arguments").isString()) {
      item.put("arguments", whole("tool:" + outputIndex, item.path("arguments").asString("")));
      return;
    }
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
    if (collected != null) {
      if (streamed == null) {
        collected.putIfAbsent(key, original);
      }
      return original;
    }
    if (streamed != null) {
      return streamed.toString();
    }
    if (replacements != null) {
      String replaced = replacements.remove(key);
      return replaced == null ? original : replaced;
    }
    String text = original;
    for (int i = 0; i < guards.size(); i++) {
      if (!scopes.get(i).contains(scopeOf(key))) {
        continue;
      }
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
      out.append(flushEvent(client, key, rest));
    }
    return out.toString();
  }

  /** Releases the open tool call arguments whose keys start with {@code prefix}. */
  private String finishTools(String prefix, Dialect client) {
    StringBuilder out = new StringBuilder();
    for (String key : List.copyOf(texts.keySet())) {
      if (key.startsWith(prefix)) {
        String rest = finish(key);
        if (ended) {
          return "";
        }
        out.append(flushEvent(client, key, rest));
      }
    }
    return out.toString();
  }

  /** An event that carries the released rest of a text or of tool arguments; empty for none. */
  private static String flushEvent(Dialect client, String key, String rest) {
    if (rest.isEmpty()) {
      return "";
    }
    String[] parts = key.split(":");
    int index = Integer.parseInt(parts[1]);
    if (client == Dialect.ANTHROPIC) {
      return parts[0].equals("tool") ? jsonDelta(index, rest) : textDelta(index, rest);
    }
    String delta =
        parts[0].equals("tool")
            ? "{\"tool_calls\":[{\"index\":"
                + Integer.parseInt(parts[2])
                + ",\"function\":{\"arguments\":"
                + WireJson.write(rest)
                + "}}]}"
            : "{\"content\":" + WireJson.write(rest) + "}";
    return SseWriter.write(
        SseEvent.data(
            "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":"
                + index
                + ",\"delta\":"
                + delta
                + "}]}"));
  }

  private static String jsonDelta(int index, String json) {
    return SseWriter.write(
        new SseEvent(
            "content_block_delta",
            "{\"type\":\"content_block_delta\",\"index\":"
                + index
                + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
                + WireJson.write(json)
                + "}}"));
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
    List<TextStage> chain = texts.computeIfAbsent(key, this::newChain);
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
    List<TextStage> chain = texts.remove(key);
    if (chain == null) {
      return "";
    }
    String text = "";
    for (int i = 0; i < chain.size(); i++) {
      TextStage held = chain.get(i);
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
