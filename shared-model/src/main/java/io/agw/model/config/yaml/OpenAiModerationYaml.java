package io.agw.model.config.yaml;

/**
 * OpenAI's inline moderation on a provider ({@code openAI.moderation}): the moderation {@code
 * model} (default {@code omni-moderation-latest}) and a {@code policy} with a {@code mode} ({@code
 * score} or {@code block}) for the request's {@code input} and the generated {@code output}.
 */
@AgentgatewayDefinition("OpenAIModeration")
public record OpenAiModerationYaml(String model, Policy policy) {

  /** The modes for input and output; either may be left out. */
  @AgentgatewayDefinition("OpenAIModerationPolicy")
  public record Policy(Mode input, Mode output) {}

  /** {@code mode}: {@code score} or {@code block}; required. */
  @AgentgatewayDefinition("OpenAIModerationConfig")
  public record Mode(String mode) {}
}
