package io.agw.gateway.llm.provider;

import io.agw.gateway.llm.wire.WireJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Converts tool-call arguments between OpenAI's form (a JSON document in a string) and Anthropic's
 * (a JSON value). Stateless and thread-safe.
 */
public final class ToolArguments {

  private ToolArguments() {}

  /**
   * Parses OpenAI arguments. Blank arguments become an empty object (a call without parameters);
   * arguments that are not JSON (a call cut off by the token limit) are kept as a string so the
   * client still sees what the model produced.
   */
  public static JsonNode parse(String arguments) {
    if (arguments == null || arguments.isBlank()) {
      return WireJson.nodes().objectNode();
    }
    try {
      return WireJson.tree(arguments);
    } catch (JacksonException e) {
      return WireJson.nodes().stringNode(arguments);
    }
  }

  /** Writes an Anthropic input as OpenAI arguments; a string input is taken as already written. */
  public static String write(JsonNode input) {
    if (input == null || input.isNull() || input.isMissingNode()) {
      return "{}";
    }
    return input.isString() ? input.asString() : WireJson.write(input);
  }
}
