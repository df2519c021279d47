package io.agw.gateway.mcp.federation;

import io.agw.gateway.mcp.json.McpJson;
import io.agw.gateway.mcp.openapi.OpenApiTarget;
import io.agw.gateway.mcp.openapi.RemoteOpenApiTarget;
import io.agw.gateway.mcp.upstream.SdkTransport;
import io.agw.gateway.mcp.upstream.StdioTransport;
import io.agw.gateway.mcp.upstream.StreamableHttpTransport;
import io.agw.gateway.mcp.upstream.UpstreamCall;
import io.agw.gateway.mcp.upstream.UpstreamConnection;
import io.agw.gateway.mcp.upstream.UpstreamTransport;
import io.agw.gateway.state.GatewayState;
import io.agw.gateway.state.StateListener;
import io.agw.model.resource.v1.McpHttpTarget;
import io.agw.model.resource.v1.McpTarget;
import io.agw.model.resource.v1.Resource;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gateway's connections to MCP targets, kept across configuration states: a target whose
 * configuration is unchanged keeps its connection (and its stdio process) when a new state is
 * built; a changed one gets a new connection and the old one is closed, and one that is no longer
 * configured is closed once the state without it is committed. Connections open lazily, on a
 * client's first request. Thread-safe; {@link #close()} stops every process.
 */
public final class McpTargets implements AutoCloseable, StateListener {

  /**
   * A configured target and how to open connections to it (an OpenAPI document is read once, here),
   * for the connections of client sessions.
   */
  public record TargetSpec(McpTarget config, Supplier<UpstreamTransport> transports) {}

  private record Entry(McpTarget config, UpstreamConnection connection, TargetSpec spec) {}

  private final Map<String, Entry> byKey = new ConcurrentHashMap<>();
  private final Duration timeout;

  public McpTargets(Duration timeout) {
    this.timeout = timeout;
  }

  /** The connection of {@code target} of backend {@code backendKey}. */
  public UpstreamConnection connection(String backendKey, McpTarget target) {
    return entry(backendKey, target).connection();
  }

  /** How client sessions connect to {@code target} of backend {@code backendKey}. */
  public TargetSpec spec(String backendKey, McpTarget target) {
    return entry(backendKey, target).spec();
  }

  public Duration timeout() {
    return timeout;
  }

  private Entry entry(String backendKey, McpTarget target) {
    String key = backendKey + "/" + target.getName();
    Entry entry =
        byKey.compute(
            key,
            (k, old) -> {
              if (old != null && old.config().equals(target)) {
                return old;
              }
              if (old != null) {
                old.connection().shutdown();
              }
              Supplier<UpstreamTransport> transports = transports(target, timeout);
              return new Entry(
                  target,
                  new UpstreamConnection(target.getName(), transports, timeout),
                  new TargetSpec(target, transports));
            });
    return entry;
  }

  /** How to open a new connection to {@code target}. */
  static Supplier<UpstreamTransport> transports(McpTarget target, Duration timeout) {
    return switch (target.getKindCase()) {
      case STDIO -> {
        var stdio = target.getStdio();
        List<String> command = new ArrayList<>();
        command.add(stdio.getCmd());
        command.addAll(stdio.getArgsList());
        yield () -> new StdioTransport(command, stdio.getEnvMap(), stdio.getClearEnv());
      }
      case MCP -> {
        McpHttpTarget http = target.getMcp();
        String base = base(http);
        URI uri = URI.create(base + http.getPath());
        yield () -> new StreamableHttpTransport(uri);
      }
      case SSE -> {
        McpHttpTarget http = target.getSse();
        String base = base(http);
        yield () ->
            new SdkTransport(
                () ->
                    HttpClientSseClientTransport.builder(base)
                        .sseEndpoint(http.getPath())
                        .jsonMapper(McpJson.MAPPER)
                        .asyncHttpRequestCustomizer(UpstreamCall.sseCredentials())
                        .build(),
                "sse:" + base + http.getPath());
      }
      case OPENAPI -> {
        // The document is read (and refused, with the state, when it is not OpenAPI 3) once per
        // connection; every call of its tools is then an HTTP request to the API's server.
        var config = target.getOpenapi();
        if (!config.hasSchema()) {
          yield new RemoteOpenApiTarget(config, timeout)::newTransport;
        }
        OpenApiTarget api;
        try {
          api =
              OpenApiTarget.load(config, OpenApiTarget.defaultClient(config.getServer()), timeout);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "MCP target " + target.getName() + ": " + e.getMessage(), e);
        }
        yield api::newTransport;
      }
      case KIND_NOT_SET ->
          throw new IllegalArgumentException("MCP target " + target.getName() + " has no kind");
    };
  }

  private static String base(McpHttpTarget http) {
    String host = http.getHost().contains(":") ? "[" + http.getHost() + "]" : http.getHost();
    return (http.getTls() ? "https://" : "http://") + host + ":" + http.getPort();
  }

  @Override
  public void committed(GatewayState previous, GatewayState next) {
    retain(next.resources().values());
  }

  /** Closes the connections of targets that no {@code mcp} backend of {@code resources} has. */
  public void retain(Collection<Resource> resources) {
    Set<String> keep = new HashSet<>();
    for (Resource r : resources) {
      if (r.hasBackend() && r.getBackend().hasMcp()) {
        for (McpTarget t : r.getBackend().getMcp().getTargetsList()) {
          keep.add(r.getBackend().getKey() + "/" + t.getName());
        }
      }
    }
    byKey
        .entrySet()
        .removeIf(
            e -> {
              if (keep.contains(e.getKey())) {
                return false;
              }
              e.getValue().connection().shutdown();
              return true;
            });
  }

  @Override
  public void close() {
    byKey.values().forEach(e -> e.connection().shutdown());
    byKey.clear();
  }
}
