package io.agw.gateway.mcp.openapi;

import io.agw.model.resource.v1.McpHttpTarget;
import io.swagger.v3.oas.models.OpenAPI;

/**
 * Where an OpenAPI target's operations are called: the configured host, port and TLS, and a path
 * prefix put before every operation path. The prefix is the configured path when there is one
 * (other than {@code /}), otherwise the path of the document's first server URL.
 *
 * @param basePath empty or a path starting with {@code /}, without a trailing slash
 */
public record ServerAddress(boolean tls, String host, int port, String basePath) {

  public static ServerAddress of(McpHttpTarget server, OpenAPI document) {
    String configured = server.getPath().replaceAll("/+$", "");
    String base = configured.isEmpty() ? OpenApiDocument.serverPath(document) : configured;
    int port = server.getPort() != 0 ? server.getPort() : server.getTls() ? 443 : 80;
    return new ServerAddress(server.getTls(), server.getHost(), port, base);
  }

  /** {@code scheme://host:port}, without the base path. */
  public String origin() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return (tls ? "https://" : "http://") + h + ":" + port;
  }

  @Override
  public String toString() {
    return origin() + basePath;
  }
}
