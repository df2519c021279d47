package io.agw.gateway.llm.provider.openai.responses;

import io.agw.gateway.llm.wire.openai.ResponseContent;
import io.agw.gateway.llm.wire.openai.ResponseItem;
import java.util.List;
import java.util.UUID;

/**
 * The output items of a Responses answer built from another dialect, the same for every provider:
 * ids are fresh, prefixed as OpenAI prefixes them. Stateless.
 */
final class ResponsesItems {

  static final String IN_PROGRESS = "in_progress";
  static final String COMPLETED = "completed";
  static final String INCOMPLETE = "incomplete";

  private ResponsesItems() {}

  /** A fresh id with OpenAI's prefix for its kind ({@code resp}, {@code msg}, ...). */
  static String id(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
  }

  /** An assistant {@code message} item. */
  static ResponseItem.Message message(String id, String status, List<ResponseContent> content) {
    return new ResponseItem.Message(id, "assistant", status, content, null);
  }

  /** A {@code reasoning} item whose summary is {@code text} (none when null). */
  static ResponseItem.Reasoning reasoning(String id, String text) {
    return new ResponseItem.Reasoning(
        id, text == null ? List.of() : List.of(new ResponseItem.SummaryText(text)), null);
  }

  /** A {@code function_call} item. */
  static ResponseItem.FunctionCall functionCall(
      String id, String callId, String name, String arguments, String status) {
    return new ResponseItem.FunctionCall(id, callId, name, arguments, status, null);
  }
}
