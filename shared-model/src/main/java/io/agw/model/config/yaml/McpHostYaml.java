package io.agw.model.config.yaml;

/**
 * Where a remote MCP server is: {@code host} as a URL ({@code http://127.0.0.1:3001/mcp}) or as
 * {@code host:port}, or {@code host}, {@code port} and {@code path} apart. {@code backend} (a
 * top-level backend by name) is read so that it can be refused as not supported yet.
 */
public record McpHostYaml(String host, Integer port, String path, String backend) {}
