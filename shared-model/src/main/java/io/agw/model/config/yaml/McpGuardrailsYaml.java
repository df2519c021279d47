package io.agw.model.config.yaml;

import java.util.List;
import java.util.Map;

/**
 * The {@code mcpGuardrails} route policy: processors run in order on the JSON-RPC methods they
 * match, on the request (what the client sends) and the response (what the targets return).
 */
@AgentgatewayDefinition("McpGuardrails")
public record McpGuardrailsYaml(List<ProcessorYaml> processors) {

  /**
   * One processor: the methods it runs on ({@code methods}, pattern to phase) and its kind. {@code
   * kind: regex} is this gateway's extension and takes {@code action} and {@code rules} as the LLM
   * regex guard does; agentgateway's {@code kind: remote} is read so that it can be refused by name
   * (its connection fields are agentgateway fields this gateway does not support yet).
   */
  @AgentgatewayDefinition("Processor")
  public record ProcessorYaml(
      Map<String, String> methods, String kind, String action, List<RegexRuleYaml> rules) {}
}
