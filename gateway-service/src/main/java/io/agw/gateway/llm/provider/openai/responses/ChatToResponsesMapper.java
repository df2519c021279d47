package io.agw.gateway.llm.provider.openai.responses;

import io.agw.gateway.llm.wire.openai.ResponseUsage;
import io.agw.gateway.llm.wire.openai.ResponsesResponse;
import java.time.Clock;
import tools.jackson.databind.JsonNode;

/**
 * An OpenAI chat completion (from Gemini's OpenAI-compatible endpoint) as an OpenAI Responses
 * object, built by a {@link ResponseBuilder}: the first choice's text in one {@code message} item,
 * its tool calls as {@code function_call} items, the usage in the Responses shape, {@code status}
 * {@code incomplete} when the answer stopped at the token limit. Stateless and thread-safe; the
 * clock stamps {@code created_at} when the completion has no {@code created}.
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
  public ResponsesResponse toResponse(JsonNode completion, String model) {
    ResponseBuilder out = new ResponseBuilder();
    JsonNode choice = completion.path("choices").path(0);
    out.truncated("length".equals(choice.path("finish_reason").asString("")));
    JsonNode message = choice.path("message");
    String text = message.path("content").asString("");
    if (!text.isEmpty()) {
      out.text(text);
    }
    for (JsonNode call : message.path("tool_calls")) {
      String arguments = call.path("function").path("arguments").asString("");
      out.functionCall(
          call.path("id").asString(),
          call.path("function").path("name").asString(),
          arguments.isEmpty() ? "{}" : arguments);
    }
    if (completion.path("usage").isObject()) {
      out.usage(usage(completion.get("usage")));
    }
    return out.build(
        completion.path("model").asString(model),
        completion.path("created").isNumber()
            ? completion.get("created").asLong()
            : clock.instant().getEpochSecond());
  }

  /** Chat usage ({@code prompt_tokens}, ...) in the Responses shape ({@code input_tokens}, ...). */
  public static ResponseUsage usage(JsonNode chat) {
    long input = chat.path("prompt_tokens").asLong(0);
    long output = chat.path("completion_tokens").asLong(0);
    return ResponseUsage.of(
        input,
        chat.path("prompt_tokens_details").path("cached_tokens").asLong(0),
        null,
        output,
        chat.path("completion_tokens_details").path("reasoning_tokens").asLong(0),
        chat.path("total_tokens").isNumber() ? chat.get("total_tokens").asLong() : input + output);
  }
}
