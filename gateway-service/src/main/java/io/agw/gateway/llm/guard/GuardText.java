package io.agw.gateway.llm.guard;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A text a remote guard reads, with the role of the message that holds it ({@code system}, {@code
 * user}, {@code assistant}, {@code tool}); answers are always {@code assistant}.
 */
public record GuardText(String role, String text) {

  /** The texts alone, in order, for services that take one entry a text. */
  static List<String> texts(List<GuardText> texts) {
    return texts.stream().map(GuardText::text).toList();
  }

  /** The texts joined by newlines, for services that take one text, as agentgateway sends them. */
  static String joined(List<GuardText> texts) {
    return texts.stream().map(GuardText::text).collect(Collectors.joining("\n"));
  }
}
