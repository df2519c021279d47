package io.agw.gateway.demo;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo model's OpenAI-compatible endpoints on the admin port: {@code POST
 * /demo/llm/v1/chat/completions} (a JSON answer, or server-sent chunks a few words each ending in
 * {@code [DONE]} when {@code stream} is true, with a usage chunk when {@code
 * stream_options.include_usage} is) and {@code GET /demo/llm/v1/models}. A request it cannot read
 * gets 400 with an OpenAI error body. Every answer carries {@code system_fingerprint: agw-demo}.
 * Stateless; thread-safe.
 */
final class DemoModelRoutes {

  static final String BASE = "/demo/llm/v1";
  static final String FINGERPRINT = "agw-demo";

  /** The words per stream chunk, and the pause between chunks, so a stream looks like one. */
  private static final int WORDS_PER_CHUNK = 3;

  private static final Duration CHUNK_INTERVAL = Duration.ofMillis(25);

  private final JsonMapper json = JsonMapper.builder().build();
  private final Clock clock;

  DemoModelRoutes(Clock clock) {
    this.clock = clock;
  }

  RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route(POST(BASE + "/chat/completions"), this::complete)
        .andRoute(GET(BASE + "/models"), request -> models());
  }

  private Mono<ServerResponse> models() {
    ObjectNode model = json.createObjectNode();
    model.put("id", DemoReply.MODEL);
    model.put("object", "model");
    model.put("created", 0);
    model.put("owned_by", "agw");
    ObjectNode list = json.createObjectNode();
    list.put("object", "list");
    list.putArray("data").add(model);
    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(list.toString());
  }

  private Mono<ServerResponse> complete(ServerRequest request) {
    return request
        .bodyToMono(String.class)
        .defaultIfEmpty("")
        .flatMap(
            body -> {
              DemoChatRequest chat;
              try {
                chat = DemoChatRequest.parse(read(body));
              } catch (DemoChatRequest.InvalidException e) {
                return invalid(e.param(), e.getMessage());
              }
              DemoReply reply = DemoReply.answer(chat);
              String id = "chatcmpl-agw-demo-" + UUID.randomUUID();
              long created = clock.instant().getEpochSecond();
              if (!chat.stream()) {
                return ServerResponse.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(completion(id, created, reply).toString());
              }
              Flux<ServerSentEvent<String>> events =
                  Flux.fromIterable(chunks(id, created, reply, chat.includeUsage()))
                      .map(chunk -> ServerSentEvent.builder(chunk.toString()).build())
                      .delayElements(CHUNK_INTERVAL)
                      .concatWith(Mono.just(ServerSentEvent.builder("[DONE]").build()));
              return ServerResponse.ok()
                  .contentType(MediaType.TEXT_EVENT_STREAM)
                  .body(BodyInserters.fromServerSentEvents(events));
            });
  }

  private JsonNode read(String body) {
    try {
      return json.readTree(body);
    } catch (JacksonException e) {
      throw new DemoChatRequest.InvalidException(null, "the request body is not valid JSON");
    }
  }

  private Mono<ServerResponse> invalid(String param, String message) {
    ObjectNode error = json.createObjectNode();
    ObjectNode detail = error.putObject("error");
    detail.put("message", message);
    detail.put("type", "invalid_request_error");
    detail.put("param", param);
    detail.putNull("code");
    return ServerResponse.status(HttpStatus.BAD_REQUEST)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(error.toString());
  }

  private ObjectNode completion(String id, long created, DemoReply reply) {
    ObjectNode completion = envelope(id, created, "chat.completion");
    ObjectNode choice = completion.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    if (reply.toolCall() != null) {
      message.putNull("content");
      ObjectNode call = message.putArray("tool_calls").addObject();
      call.put("id", reply.toolCall().id());
      call.put("type", "function");
      call.putObject("function")
          .put("name", reply.toolCall().name())
          .put("arguments", reply.toolCall().arguments());
    } else {
      message.put("content", reply.text());
    }
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", reply.finishReason());
    completion.set("usage", usage(reply));
    return completion;
  }

  private List<ObjectNode> chunks(String id, long created, DemoReply reply, boolean includeUsage) {
    List<ObjectNode> chunks = new ArrayList<>();
    ObjectNode first = chunk(id, created);
    ObjectNode opening = first.withArray("choices").addObject();
    opening.put("index", 0);
    ObjectNode delta = opening.putObject("delta").put("role", "assistant");
    opening.putNull("finish_reason");
    if (reply.toolCall() != null) {
      delta.putNull("content");
      ObjectNode call = delta.putArray("tool_calls").addObject();
      call.put("index", 0);
      call.put("id", reply.toolCall().id());
      call.put("type", "function");
      call.putObject("function").put("name", reply.toolCall().name()).put("arguments", "");
      chunks.add(first);
      ObjectNode arguments = chunk(id, created);
      ObjectNode argumentsChoice = arguments.withArray("choices").addObject();
      argumentsChoice.put("index", 0);
      argumentsChoice
          .putObject("delta")
          .putArray("tool_calls")
          .addObject()
          .put("index", 0)
          .putObject("function")
          .put("arguments", reply.toolCall().arguments());
      argumentsChoice.putNull("finish_reason");
      chunks.add(arguments);
    } else {
      delta.put("content", "");
      chunks.add(first);
      for (String piece : pieces(reply.text())) {
        ObjectNode chunk = chunk(id, created);
        ObjectNode choice = chunk.withArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta").put("content", piece);
        choice.putNull("finish_reason");
        chunks.add(chunk);
      }
    }
    ObjectNode last = chunk(id, created);
    ObjectNode closing = last.withArray("choices").addObject();
    closing.put("index", 0);
    closing.putObject("delta");
    closing.put("finish_reason", reply.finishReason());
    chunks.add(last);
    if (includeUsage) {
      ObjectNode usage = chunk(id, created);
      usage.withArray("choices");
      usage.set("usage", usage(reply));
      chunks.add(usage);
    }
    return chunks;
  }

  /** The text in pieces of a few words, each with the whitespace that follows it. */
  static List<String> pieces(String text) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inWord) {
        if (words == WORDS_PER_CHUNK) {
          pieces.add(text.substring(start, i));
          start = i;
          words = 0;
        }
        words++;
      }
      inWord = !space;
    }
    if (start < text.length()) {
      pieces.add(text.substring(start));
    }
    return pieces;
  }

  private ObjectNode chunk(String id, long created) {
    return envelope(id, created, "chat.completion.chunk");
  }

  private ObjectNode envelope(String id, long created, String object) {
    ObjectNode node = json.createObjectNode();
    node.put("id", id);
    node.put("object", object);
    node.put("created", created);
    node.put("model", DemoReply.MODEL);
    node.put("system_fingerprint", FINGERPRINT);
    return node;
  }

  private ObjectNode usage(DemoReply reply) {
    ObjectNode usage = json.createObjectNode();
    usage.put("prompt_tokens", reply.promptTokens());
    usage.put("completion_tokens", reply.completionTokens());
    usage.put("total_tokens", reply.totalTokens());
    return usage;
  }
}
