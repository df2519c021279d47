package io.agw.gateway.llm.guard;

import io.agw.gateway.llm.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * agentgateway's guardrail webhook contract. A prompt is sent as {@code {"body":{"messages":[{role,
 * content}]}}}, an answer as {@code {"body":{"choices":[{"message":{role, content}}]}}}, one entry
 * per text. The webhook answers {@code {"action":{...}}}: an action with an object {@code body} is
 * a mask (the same shape as sent, holding the changed texts), one with a string {@code body} and a
 * {@code status_code} a rejection, one without {@code body} a pass; {@code reason} is optional.
 * Stateless.
 */
final class WebhookWire {

  /** A message of the contract (agentgateway's {@code SimpleChatCompletionMessage}). */
  record Message(String role, String content) {}

  /** An answer's choice. */
  record Choice(Message message) {}

  record Messages(List<Message> messages) {}

  record Choices(List<Choice> choices) {}

  /** What {@code POST /request} carries. */
  record PromptRequest(Messages body) {}

  /** What {@code POST /response} carries. */
  record AnswerRequest(Choices body) {}

  /** An answer the contract cannot read; its message names no text. */
  static final class InvalidAnswerException extends RuntimeException {
    InvalidAnswerException(String message) {
      super(message);
    }
  }

  private WebhookWire() {}

  /** The default path of a phase's call. */
  static String path(GuardPhase phase) {
    return phase == GuardPhase.REQUEST ? "/request" : "/response";
  }

  /** The request body for {@code texts}. */
  static byte[] request(GuardPhase phase, List<GuardText> texts) {
    Object body =
        phase == GuardPhase.REQUEST
            ? new PromptRequest(
                new Messages(texts.stream().map(t -> new Message(t.role(), t.text())).toList()))
            : new AnswerRequest(
                new Choices(
                    texts.stream().map(t -> new Choice(new Message(t.role(), t.text()))).toList()));
    return WireJson.write(body).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads the webhook's answer to a call of {@code phase}.
   *
   * @throws InvalidAnswerException when it is not an action of the contract
   */
  static Verdict verdict(GuardPhase phase, byte[] answer) {
    JsonNode root;
    try {
      root = WireJson.tree(new String(answer, StandardCharsets.UTF_8));
    } catch (JacksonException e) {
      throw new InvalidAnswerException("the webhook's answer is not JSON");
    }
    JsonNode action = root == null ? null : root.get("action");
    if (action == null || !action.isObject()) {
      throw new InvalidAnswerException("the webhook's answer has no action object");
    }
    JsonNode body = action.get("body");
    if (body == null || body.isNull()) {
      return Verdict.PASS;
    }
    if (body.isString()) {
      JsonNode status = action.get("status_code");
      if (status == null
          || !status.isIntegralNumber()
          || status.asInt() < 100
          || status.asInt() > 599) {
        throw new InvalidAnswerException(
            "the webhook's rejection has no status_code between 100 and 599");
      }
      return new Verdict.Reject(status.asInt(), body.stringValue());
    }
    if (!body.isObject()) {
      throw new InvalidAnswerException("the webhook's action body is neither a mask nor a message");
    }
    return new Verdict.Mask(phase == GuardPhase.REQUEST ? messages(body) : choices(body));
  }

  private static List<String> messages(JsonNode body) {
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray()) {
      throw new InvalidAnswerException("the webhook's mask of a request has no messages");
    }
    List<String> texts = new ArrayList<>(messages.size());
    for (JsonNode m : messages) {
      texts.add(content(m));
    }
    return texts;
  }

  private static List<String> choices(JsonNode body) {
    JsonNode choices = body.get("choices");
    if (choices == null || !choices.isArray()) {
      throw new InvalidAnswerException("the webhook's mask of an answer has no choices");
    }
    List<String> texts = new ArrayList<>(choices.size());
    for (JsonNode c : choices) {
      texts.add(content(c.path("message")));
    }
    return texts;
  }

  private static String content(JsonNode message) {
    JsonNode content = message.get("content");
    if (content == null || !content.isString()) {
      throw new InvalidAnswerException("a message of the webhook's mask has no string content");
    }
    return content.stringValue();
  }
}
