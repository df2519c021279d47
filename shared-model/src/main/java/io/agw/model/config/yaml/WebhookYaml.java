package io.agw.model.config.yaml;

import java.util.List;
import java.util.Map;

/**
 * A guardrail webhook: the service that reads the texts ({@code target}), the headers set on its
 * requests (a header name or {@code :path}, {@code :method}, {@code :authority}, each a CEL
 * expression over the client's request), the client's headers forwarded to it ({@code
 * forwardHeaderMatches}) and what happens when it fails ({@code failureMode}: {@code failClosed},
 * the default, or {@code failOpen}).
 */
@AgentgatewayDefinition("Webhook")
public record WebhookYaml(
    WebhookTargetYaml target,
    Map<String, String> headers,
    List<HeaderMatchYaml> forwardHeaderMatches,
    String failureMode) {}
