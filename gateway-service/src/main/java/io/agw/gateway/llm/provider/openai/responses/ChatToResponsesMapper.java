package io.agw.gateway.llm.provider.openai.responses;

import io.agw.gateway.llm.wire.WireJson;
import java.time.Clock;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI chat completion (from Gemini's OpenAI-compatible endpoint) as an OpenAI Responses
 * object: the first choice's text in one {@code message} item, its tool calls as {@code
 * function_call} items, the usage in the Responses shape, {@code status} {@code incomplete} when
 * the answer stopped at the token limit. Stateless and thread-safe; the clock stamps {@code
 * created_at} when the completion has no {@code created}.
 */
public final class ChatToResponsesMapper {

  private final Clock clock;

  public ChatToResponsesMapper() {
    this(Clock.systemUTC());
  }

  public ChatToResponsesMapper(Clock clock) {
    this.clock = clock;
  }

  /** The Responses object for a chat completion; {@code model} when the completion names none. */
  public ObjectNode toResponse(JsonNode completion, String model) {
    ObjectNode out = WireJson.nodes().objectNode();
    out.put("id", "resp_" + UUID.randomUUID().toString().replace("-", ""));
    out.put("object", "response");
    out.put(
        "created_at",
        completion.path("created").isNumber()
            ? completion.get("created").asLong()
            : clock.instant().getEpochSecond());
    out.put("model", completion.path("model").asString(model));
    JsonNode choice = completion.path("choices").path(0);
    boolean truncated = "length".equals(choice.path("finish_reason").asString(""));
    out.put("status", truncated ? "incomplete" : "completed");
    if (truncated) {
      out.putObject("incomplete_details").put("reason", "max_output_tokens");
    }
    ArrayNode output = out.putArray("output");
    JsonNode message = choice.path("message");
    String text = message.path("content").asString("");
    if (!text.isEmpty()) {
      ObjectNode item = ResponsesItems.messageItem("completed");
      item.withArray("content").add(ResponsesItems.outputText(text));
      output.add(item);
    }
    for (JsonNode call : message.path("tool_calls")) {
      String arguments = call.path("function").path("arguments").asString("");
      output.add(
          ResponsesItems.functionCall(
              call.path("id").asString(),
              call.path("function").path("name").asString(),
              arguments.isEmpty() ? "{}" : arguments,
              "completed"));
    }
    if (completion.path("usage").isObject()) {
      out.set("usage", usage(completion.get("usage")));
    }
    return out;
  }

  /** Chat usage ({@code prompt_tokens}, ...) in the Responses shape ({@code input_tokens}, ...). */
  public static ObjectNode usage(JsonNode chat) {
    long input = chat.path("prompt_tokens").asLong(0);
    long output = chat.path("completion_tokens").asLong(0);
    ObjectNode out = WireJson.nodes().objectNode();
    out.put("input_tokens", input);
    out.putObject("input_tokens_details")
        .put("cached_tokens", chat.path("prompt_tokens_details").path("cached_tokens").asLong(0));
    out.put("output_tokens", output);
    out.putObject("output_tokens_details")
        .put(
            "reasoning_tokens",
            chat.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
    out.put(
        "total_tokens",
        chat.path("total_tokens").isNumber() ? chat.get("total_tokens").asLong() : input + output);
    return out;
  }
}
