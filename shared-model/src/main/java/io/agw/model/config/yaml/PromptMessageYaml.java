package io.agw.model.config.yaml;

/** A simple chat message: a role and its text. */
@AgentgatewayDefinition("SimpleChatCompletionMessage")
public record PromptMessageYaml(String role, String content) {}
