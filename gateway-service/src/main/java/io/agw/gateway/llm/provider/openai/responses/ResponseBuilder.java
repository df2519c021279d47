package io.agw.gateway.llm.provider.openai.responses;

import io.agw.gateway.llm.wire.openai.ResponseContent;
import io.agw.gateway.llm.wire.openai.ResponseItem;
import io.agw.gateway.llm.wire.openai.ResponseUsage;
import io.agw.gateway.llm.wire.openai.ResponsesResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a non-streamed Responses object from what another dialect answered, for every provider
 * that answers a Responses client from chat completions or Converse. The output is in the order
 * OpenAI writes it: the {@code reasoning} items, then one assistant {@code message} holding every
 * text as an {@code output_text} part (none when there is no text), then the {@code function_call}
 * items. A truncated answer has {@code status} {@code incomplete} with the reason {@code
 * max_output_tokens}.
 *
 * <p>Lifecycle: one instance per response; add the parts in the upstream's order, then {@link
 * #build}. Not thread-safe.
 */
public final class ResponseBuilder {

  private final List<ResponseItem> reasoning = new ArrayList<>();
  private final List<ResponseContent> texts = new ArrayList<>();
  private final List<ResponseItem> calls = new ArrayList<>();
  private ResponseUsage usage;
  private boolean truncated;

  /** Adds a reasoning item whose summary is {@code summary}. */
  public ResponseBuilder reasoning(String summary) {
    reasoning.add(ResponsesItems.reasoning(ResponsesItems.id("rs"), summary));
    return this;
  }

  /** Adds a text part to the message. */
  public ResponseBuilder text(String text) {
    texts.add(new ResponseContent.OutputText(text));
    return this;
  }

  /** Adds a completed function call; {@code arguments} is a JSON document as a string. */
  public ResponseBuilder functionCall(String callId, String name, String arguments) {
    calls.add(
        ResponsesItems.functionCall(
            ResponsesItems.id("fc"), callId, name, arguments, ResponsesItems.COMPLETED));
    return this;
  }

  /** Sets the usage (none is written when never set). */
  public ResponseBuilder usage(ResponseUsage usage) {
    this.usage = usage;
    return this;
  }

  /** Marks the answer as stopped at the output token limit. */
  public ResponseBuilder truncated(boolean truncated) {
    this.truncated = truncated;
    return this;
  }

  /** The response object, with a fresh id. */
  public ResponsesResponse build(String model, long createdAt) {
    List<ResponseItem> output = new ArrayList<>(reasoning);
    if (!texts.isEmpty()) {
      output.add(
          ResponsesItems.message(
              ResponsesItems.id("msg"), ResponsesItems.COMPLETED, List.copyOf(texts)));
    }
    output.addAll(calls);
    return new ResponsesResponse(
        ResponsesItems.id("resp"),
        ResponsesResponse.OBJECT,
        createdAt,
        model,
        truncated ? ResponsesItems.INCOMPLETE : ResponsesItems.COMPLETED,
        truncated ? new ResponsesResponse.IncompleteDetails("max_output_tokens") : null,
        output,
        usage,
        null);
  }
}
