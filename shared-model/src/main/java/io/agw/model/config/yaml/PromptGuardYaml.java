package io.agw.model.config.yaml;

import java.util.List;

/**
 * Guards on the LLM traffic of a route: {@code request} guards read the prompt before a provider
 * sees it, {@code response} guards read the answer before the client does; each list runs in the
 * order written. {@code streaming} is {@code Enabled} or {@code Disabled} (the default).
 */
@AgentgatewayDefinition("PromptGuard")
public record PromptGuardYaml(
    String streaming, List<RequestGuardYaml> request, List<ResponseGuardYaml> response) {}
