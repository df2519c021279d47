package io.agw.gateway.mcp.federation;

import io.agw.gateway.mcp.json.McpJson;
import io.agw.gateway.mcp.upstream.TargetCredentials;
import io.agw.gateway.mcp.upstream.UpstreamConnection;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One {@code mcp} backend of the current state: its targets (connections shared across states while
 * their configuration is unchanged), how names are federated, the session and failure modes.
 * Immutable and thread-safe.
 *
 * @param targets in configuration order
 * @param names where unprefixed names of several targets are served (used when {@link
 *     Federation#routesByLookup()})
 * @param stateless no session ids: every request stands alone
 * @param failOpen serve from the targets that answer; an error only when none does
 * @param credentials the {@code backendAuth} put on the requests sent to HTTP targets, per call
 */
public record McpService(
    String backendKey,
    Map<String, UpstreamConnection> targets,
    Federation federation,
    NameDirectory names,
    boolean stateless,
    boolean failOpen,
    SessionCodec sessions,
    Map<String, McpTargets.TargetSpec> specs,
    Duration timeout,
    TargetCredentials credentials) {

  /** This backend served over other connections (those of one client session). */
  public McpService withTargets(Map<String, UpstreamConnection> connections) {
    return new McpService(
        backendKey,
        connections,
        federation,
        names,
        stateless,
        failOpen,
        sessions,
        specs,
        timeout,
        credentials);
  }

  private static final Logger log = LoggerFactory.getLogger(McpService.class);

  /** Protocol versions the gateway speaks to clients, newest first. */
  public static final List<String> PROTOCOL_VERSIONS =
      List.of(
          ProtocolVersions.MCP_2025_11_25,
          ProtocolVersions.MCP_2025_06_18,
          ProtocolVersions.MCP_2025_03_26);

  /**
   * The version to use for a client that asked for {@code requested} (null when its initialize
   * request named none), per the MCP lifecycle.
   */
  public static String negotiate(String requested) {
    // List.of(...).contains(null) throws: an initialize without a protocolVersion string was a 500.
    return requested != null && PROTOCOL_VERSIONS.contains(requested)
        ? requested
        : PROTOCOL_VERSIONS.get(0);
  }

  /** A target's initialize result, or the reason it has none. */
  public record TargetStatus(
      String target, Map<String, Object> initializeResult, Throwable error) {}

  /**
   * Connects every target (initializing those not yet connected). Fails when one fails and the mode
   * is fail-closed, or when all fail.
   */
  public Mono<List<TargetStatus>> connectAll() {
    return Flux.fromIterable(targets.values())
        .flatMapSequential(
            c ->
                c.live()
                    .map(l -> new TargetStatus(c.target(), l.initializeResult(), null))
                    .onErrorResume(e -> Mono.just(new TargetStatus(c.target(), null, e))))
        .collectList()
        .flatMap(
            statuses -> {
              List<TargetStatus> failed = statuses.stream().filter(s -> s.error() != null).toList();
              if (!failed.isEmpty() && (!failOpen || failed.size() == statuses.size())) {
                TargetStatus first = failed.get(0);
                return Mono.error(
                    new TargetUnavailableException(first.target(), first.error().getMessage()));
              }
              failed.forEach(
                  f ->
                      log.warn("MCP target {} is skipped: {}", f.target(), f.error().getMessage()));
              return Mono.just(statuses.stream().filter(s -> s.error() == null).toList());
            });
  }

  /** The initialize result the gateway gives its clients, built from the targets' results. */
  public Map<String, Object> initializeResult(String version, List<TargetStatus> up) {
    Map<String, Object> capabilities = new LinkedHashMap<>();
    for (TargetStatus status : up) {
      Map<String, Object> theirs = McpJson.object(status.initializeResult().get("capabilities"));
      for (String cap : List.of("tools", "prompts", "resources", "logging", "completions")) {
        if (theirs.containsKey(cap)) {
          Map<String, Object> merged = McpJson.object(capabilities.get(cap));
          if (!cap.equals("logging") && !cap.equals("completions")) {
            merged.put("listChanged", true);
          }
          if (cap.equals("resources")
              && Boolean.TRUE.equals(McpJson.object(theirs.get(cap)).get("subscribe"))) {
            merged.put("subscribe", true);
          }
          capabilities.put(cap, merged);
        }
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("protocolVersion", version);
    result.put("capabilities", capabilities);
    result.put("serverInfo", Map.of("name", "agw", "version", "1.0"));
    if (up.size() == 1 && targets.size() == 1) {
      Optional.ofNullable(McpJson.string(up.get(0).initializeResult(), "instructions"))
          .ifPresent(i -> result.put("instructions", i));
    }
    return result;
  }

  /**
   * The targets' notifications that belong to no request, with resource URIs federated; list
   * changes are passed on as they are.
   */
  public Flux<JSONRPCNotification> notifications() {
    return Flux.merge(
        targets.values().stream()
            .map(c -> c.notifications().map(n -> federate(c.target(), n)))
            .toList());
  }

  private JSONRPCNotification federate(String target, JSONRPCNotification n) {
    if (!McpSchema.METHOD_NOTIFICATION_RESOURCES_UPDATED.equals(n.method())) {
      return n;
    }
    Map<String, Object> params = McpJson.object(n.params());
    String uri = McpJson.string(params, "uri");
    if (uri != null) {
      params.put("uri", federation.expose(Federation.ListKind.RESOURCES, target, uri));
    }
    return new JSONRPCNotification(McpSchema.JSONRPC_VERSION, n.method(), params);
  }

  /** A target that could not be reached, for a JSON-RPC error. */
  public static final class TargetUnavailableException extends RuntimeException {
    public TargetUnavailableException(String target, String reason) {
      super("MCP target " + target + " is unavailable: " + reason, null, false, false);
    }
  }
}
