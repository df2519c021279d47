package io.agw.model.config.yaml;

/** An OpenAPI document turned into MCP tools, and where its operations are called. */
public record McpOpenApiYaml(SourceYaml schema, String host, Integer port, String path) {}
