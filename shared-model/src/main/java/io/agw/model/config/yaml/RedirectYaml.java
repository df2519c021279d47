package io.agw.model.config.yaml;

/** A redirect answered by the gateway. */
@AgentgatewayDefinition("RequestRedirect")
public record RedirectYaml(
    String scheme, AuthorityYaml authority, PathRewriteYaml path, Integer status) {}
