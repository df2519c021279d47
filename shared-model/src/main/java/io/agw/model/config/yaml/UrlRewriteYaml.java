package io.agw.model.config.yaml;

/** A rewrite of the request's authority and path before it is forwarded. */
@AgentgatewayDefinition("UrlRewrite")
public record UrlRewriteYaml(AuthorityYaml authority, PathRewriteYaml path) {}
