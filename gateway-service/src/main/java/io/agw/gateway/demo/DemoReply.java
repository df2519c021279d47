package io.agw.gateway.demo;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the demo model answers: a pure function of the request, so the same prompt always gets the
 * same answer. The answer says that it comes from agw's built-in demo model and reflects the last
 * user message (its word and character counts, then the message itself), which makes guardrails,
 * masks and token limits easy to try. When the request offers a function tool whose name appears in
 * the last user message, the answer is a call of that tool; when the last message is a tool's
 * result, the answer repeats it. Token counts are jtokkit's {@code cl100k_base} counts of the
 * messages and the answer; {@code maxTokens} cuts the answer ({@code finish_reason: length}).
 *
 * @param text the answer text, or null for a tool call
 * @param toolCall the tool call, or null for a text answer
 * @param finishReason {@code stop}, {@code length} or {@code tool_calls}
 * @param promptTokens the tokens of the conversation
 * @param completionTokens the tokens of the answer
 */
record DemoReply(
    String text, ToolCall toolCall, String finishReason, int promptTokens, int completionTokens) {

  /** A call of one of the request's tools, with empty arguments. */
  record ToolCall(String id, String name, String arguments) {}

  /** The model name every answer reports, and the catalog prices. */
  static final String MODEL = "agw-demo";

  static final String DISCLAIMER =
      "This is agw-demo, the gateway's built-in demo model: not a real LLM.";

  private static final Encoding TOKENS =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
  private static final Pattern WORDS = Pattern.compile("\\s+");

  static DemoReply answer(DemoChatRequest request) {
    int prompt = promptTokens(request);
    DemoChatRequest.Message last = request.last();
    String user = request.lastUserText();
    if (!"tool".equals(last.role()) && user != null) {
      for (String tool : request.toolNames()) {
        if (mentions(user, tool)) {
          ToolCall call = new ToolCall("call_agw_demo_0", tool, "{}");
          return new DemoReply(
              null, call, "tool_calls", prompt, count(tool) + count(call.arguments()));
        }
      }
    }
    String text;
    if ("tool".equals(last.role())) {
      text = DISCLAIMER + " The tool answered: " + last.text();
    } else if (user == null || user.isBlank()) {
      text = DISCLAIMER + " There was no user message to reflect.";
    } else {
      String trimmed = user.strip();
      int words = WORDS.split(trimmed).length;
      text =
          DISCLAIMER
              + " Your message has "
              + words
              + (words == 1 ? " word" : " words")
              + " and "
              + user.length()
              + " characters. You wrote: "
              + trimmed;
    }
    Integer max = request.maxTokens();
    if (max != null) {
      EncodingResult cut = TOKENS.encodeOrdinary(text, max);
      if (cut.isTruncated()) {
        return new DemoReply(
            TOKENS.decode(cut.getTokens()), null, "length", prompt, cut.getTokens().size());
      }
    }
    return new DemoReply(text, null, "stop", prompt, count(text));
  }

  int totalTokens() {
    return promptTokens + completionTokens;
  }

  private static boolean mentions(String text, String tool) {
    return Pattern.compile(
            "\\b" + Pattern.quote(tool.toLowerCase(Locale.ROOT)) + "\\b", Pattern.UNICODE_CASE)
        .matcher(text.toLowerCase(Locale.ROOT))
        .find();
  }

  /** As OpenAI counts a chat prompt: each message's role and text, plus a few framing tokens. */
  private static int promptTokens(DemoChatRequest request) {
    int tokens = 3;
    for (DemoChatRequest.Message message : request.messages()) {
      tokens += 3 + count(message.role()) + count(message.text());
    }
    return tokens;
  }

  private static int count(String text) {
    return text == null || text.isEmpty() ? 0 : TOKENS.countTokensOrdinary(text);
  }
}
