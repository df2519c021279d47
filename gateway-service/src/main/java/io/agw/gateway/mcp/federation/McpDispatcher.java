package io.agw.gateway.mcp.federation;

import io.agw.gateway.exchange.GuardDecisions;
import io.agw.gateway.mcp.federation.Federation.ListKind;
import io.agw.gateway.mcp.federation.Federation.McpItem;
import io.agw.gateway.mcp.federation.Federation.Routed;
import io.agw.gateway.mcp.federation.Federation.Visibility;
import io.agw.gateway.mcp.federation.McpService.TargetUnavailableException;
import io.agw.gateway.mcp.federation.NameDirectory.TargetItems;
import io.agw.gateway.mcp.guard.McpGuardrails;
import io.agw.gateway.mcp.guard.McpGuardrails.GuardedRequest;
import io.agw.gateway.mcp.json.McpJson;
import io.agw.gateway.mcp.upstream.UpstreamConnection;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers one client request of an MCP session: merges the list methods across targets, routes
 * calls by federated name to the target that serves them (with the target's own name), fans out
 * {@code logging/setLevel}, and answers {@code ping} itself. Items the caller may not see are left
 * out of lists, and calls to them fail exactly like calls to unknown names. Every request relayed
 * to a target carries the client request's trace context in {@code params._meta} (MCP SEP-414), in
 * place of any the client sent. One instance per request.
 */
public final class McpDispatcher {

  private static final Logger log = LoggerFactory.getLogger(McpDispatcher.class);

  /** Pages followed per target and list call; a server that pages forever is cut off there. */
  static final int MAX_PAGES = 100;

  private final McpService service;
  private final Visibility visible;
  private final McpGuardrails guardrails;
  private final GuardDecisions decisions;
  private final Map<String, String> traceContext;

  /** What the request was about, for telemetry: the method and the federated name, if any. */
  private String subject;

  /** The targets this request was sent to, so that their requests to the client follow it. */
  private final Set<String> reached = ConcurrentHashMap.newKeySet();

  public McpDispatcher(McpService service, Visibility visible, McpGuardrails guardrails) {
    this(service, visible, guardrails, null);
  }

  /**
   * A dispatcher whose guardrail decisions are recorded in {@code decisions} (those of the client's
   * HTTP request; null records nothing).
   */
  public McpDispatcher(
      McpService service, Visibility visible, McpGuardrails guardrails, GuardDecisions decisions) {
    this(service, visible, guardrails, decisions, Map.of());
  }

  /**
   * A dispatcher whose relayed requests also carry {@code traceContext} (W3C {@code traceparent},
   * {@code tracestate}, {@code baggage}; empty for none) in their {@code params._meta}.
   */
  public McpDispatcher(
      McpService service,
      Visibility visible,
      McpGuardrails guardrails,
      GuardDecisions decisions,
      Map<String, String> traceContext) {
    this.service = service;
    this.visible = visible;
    this.guardrails = guardrails;
    this.decisions = decisions;
    this.traceContext = traceContext;
  }

  /** Whether the request was sent to {@code target} (so far). */
  public boolean reached(String target) {
    return reached.contains(target);
  }

  /** The tool, prompt or resource the request named, once dispatched; null otherwise. */
  public String subject() {
    return subject;
  }

  /**
   * The answer to {@code request}. The route's guardrails see the request before it is routed (a
   * rejection is the answer, and no target is called) and the answer before it is returned.
   */
  public Mono<JSONRPCResponse> dispatch(
      JSONRPCRequest request, Consumer<JSONRPCNotification> progress) {
    GuardedRequest guarded = guardrails.onRequest(request, decisions);
    if (guarded.rejection() != null) {
      return Mono.just(guarded.rejection());
    }
    return route(guarded.request(), progress)
        .map(response -> guardrails.onResponse(request.method(), response, decisions));
  }

  private Mono<JSONRPCResponse> route(
      JSONRPCRequest request, Consumer<JSONRPCNotification> progress) {
    Object id = request.id();
    String method = request.method();
    Map<String, Object> params = McpJson.object(request.params());
    Optional<ListKind> list = ListKind.of(method);
    Mono<JSONRPCResponse> answer;
    if (list.isPresent()) {
      answer = list(list.get(), id);
    } else {
      answer =
          switch (method) {
            case McpSchema.METHOD_PING -> Mono.just(result(id, Map.of()));
            case McpSchema.METHOD_TOOLS_CALL ->
                byName(id, method, params, "name", McpItem.TOOL, "tool", progress);
            case McpSchema.METHOD_PROMPT_GET ->
                byName(id, method, params, "name", McpItem.PROMPT, "prompt", progress);
            case McpSchema.METHOD_RESOURCES_READ,
                McpSchema.METHOD_RESOURCES_SUBSCRIBE,
                McpSchema.METHOD_RESOURCES_UNSUBSCRIBE ->
                byName(id, method, params, "uri", McpItem.RESOURCE, "resource", progress);
            case McpSchema.METHOD_COMPLETION_COMPLETE -> complete(id, params, progress);
            case McpSchema.METHOD_LOGGING_SET_LEVEL -> setLevel(id, params);
            default ->
                Mono.just(error(id, ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + method));
          };
    }
    return answer.onErrorResume(
        e -> {
          if (!(e instanceof TargetUnavailableException)) {
            log.warn("MCP {} failed: {}", method, e.toString());
          }
          return Mono.just(error(id, ErrorCodes.INTERNAL_ERROR, e.getMessage()));
        });
  }

  private Mono<JSONRPCResponse> list(ListKind kind, Object id) {
    return collect(kind)
        .map(
            lists -> {
              List<Object> merged = new ArrayList<>();
              for (TargetItems l : lists) {
                merged.addAll(service.federation().expose(kind, l.target(), l.items(), visible));
              }
              return result(id, Map.of(kind.array(), merged));
            });
  }

  /**
   * Every target's whole list as the target answered it, in configuration order. When names are
   * routed by lookup the lists also refresh the backend's {@link NameDirectory}, which drops names
   * an earlier target already serves.
   */
  private Mono<List<TargetItems>> collect(ListKind kind) {
    return service
        .connectAll()
        .flatMapMany(Flux::fromIterable)
        .flatMapSequential(
            status -> {
              UpstreamConnection c = service.targets().get(status.target());
              return allPages(c, kind)
                  .map(items -> new TargetItems(c.target(), items))
                  .onErrorResume(
                      e -> {
                        if (service.failOpen()) {
                          log.warn(
                              "MCP target {} skipped in {}: {}",
                              c.target(),
                              kind.method(),
                              e.getMessage());
                          return Mono.just(new TargetItems(c.target(), List.of()));
                        }
                        return Mono.error(
                            new TargetUnavailableException(c.target(), e.getMessage()));
                      });
            })
        .collectList()
        .map(
            lists ->
                service.federation().routesByLookup()
                    ? service.names().record(kind, lists)
                    : lists);
  }

  /** Every page of one target's list; a target without the feature has an empty list. */
  private Mono<List<Object>> allPages(UpstreamConnection c, ListKind kind) {
    List<Object> items = new ArrayList<>();
    return page(c, kind, null, items, 0).thenReturn(items);
  }

  private Mono<Void> page(
      UpstreamConnection c, ListKind kind, String cursor, List<Object> items, int pages) {
    Map<String, Object> params = cursor == null ? Map.of() : Map.of("cursor", cursor);
    reached.add(c.target());
    return c.request(kind.method(), traced(params), null)
        .flatMap(
            response -> {
              if (response.error() != null) {
                if (response.error().code() == ErrorCodes.METHOD_NOT_FOUND) {
                  return Mono.empty();
                }
                return Mono.error(new IllegalStateException(response.error().message()));
              }
              Map<String, Object> result = McpJson.object(response.result());
              items.addAll(McpJson.array(result, kind.array()));
              String next = McpJson.string(result, "nextCursor");
              if (next == null || next.isEmpty() || pages + 1 >= MAX_PAGES) {
                return Mono.empty();
              }
              return page(c, kind, next, items, pages + 1);
            });
  }

  private Mono<JSONRPCResponse> byName(
      Object id,
      String method,
      Map<String, Object> params,
      String field,
      McpItem item,
      String noun,
      Consumer<JSONRPCNotification> progress) {
    String exposed = McpJson.string(params, field);
    subject = exposed;
    return route(item, exposed)
        .flatMap(
            routed -> {
              if (routed.isEmpty() && item == McpItem.RESOURCE && lookingUp(exposed)) {
                // A URI no target lists may still be one a target's template expands to.
                return firstAnswer(id, method, params, field, exposed, progress);
              }
              if (routed.isEmpty()
                  || !service.targets().containsKey(routed.get().target())
                  || !visible.test(item, routed.get().target(), routed.get().name())) {
                return Mono.just(
                    error(id, ErrorCodes.INVALID_PARAMS, "Unknown " + noun + ": " + exposed));
              }
              Routed r = routed.get();
              params.put(field, r.name());
              return forward(id, r.target(), method, params, progress)
                  .map(response -> contents(method, response, r.target()));
            });
  }

  private JSONRPCResponse contents(String method, JSONRPCResponse response, String target) {
    return method.equals(McpSchema.METHOD_RESOURCES_READ)
        ? federateContents(response, target)
        : response;
  }

  /** Whether names are routed by looking them up in the targets' lists. */
  private boolean lookingUp(String exposed) {
    return exposed != null && service.federation().routesByLookup();
  }

  /** The target and original name of a name or URI a client gave. */
  private Mono<Optional<Routed>> route(McpItem item, String exposed) {
    Federation federation = service.federation();
    if (!lookingUp(exposed)) {
      return Mono.just(
          item == McpItem.RESOURCE
              ? federation.resolveUri(exposed)
              : federation.resolveName(exposed));
    }
    return lookup(
        switch (item) {
          case TOOL -> ListKind.TOOLS;
          case PROMPT -> ListKind.PROMPTS;
          case RESOURCE -> ListKind.RESOURCES;
        },
        exposed);
  }

  /** Looks {@code name} up in the directory, listing again when it is not known yet. */
  private Mono<Optional<Routed>> lookup(ListKind kind, String name) {
    Optional<String> known = service.names().targetOf(kind, name);
    if (known.isPresent()) {
      return Mono.just(Optional.of(new Routed(known.get(), name)));
    }
    return collect(kind)
        .map(lists -> service.names().targetOf(kind, name).map(t -> new Routed(t, name)));
  }

  /**
   * Asks the targets in configuration order until one answers without an error; when none does, the
   * first target's error is the answer.
   */
  private Mono<JSONRPCResponse> firstAnswer(
      Object id,
      String method,
      Map<String, Object> params,
      String field,
      String exposed,
      Consumer<JSONRPCNotification> progress) {
    List<String> candidates =
        service.targets().keySet().stream()
            .filter(t -> visible.test(McpItem.RESOURCE, t, exposed))
            .toList();
    if (candidates.isEmpty()) {
      return Mono.just(error(id, ErrorCodes.INVALID_PARAMS, "Unknown resource: " + exposed));
    }
    record Answer(String target, JSONRPCResponse response) {}
    return Flux.fromIterable(candidates)
        .concatMap(
            t ->
                forward(id, t, method, params, progress)
                    .map(r -> new Answer(t, r))
                    .onErrorResume(
                        e ->
                            Mono.just(
                                new Answer(
                                    t, error(id, ErrorCodes.INTERNAL_ERROR, e.getMessage())))))
        .takeUntil(a -> a.response().error() == null)
        .collectList()
        .map(
            answers -> {
              Answer last = answers.get(answers.size() - 1);
              Answer chosen = last.response().error() == null ? last : answers.get(0);
              return contents(method, chosen.response(), chosen.target());
            });
  }

  private Mono<JSONRPCResponse> complete(
      Object id, Map<String, Object> params, Consumer<JSONRPCNotification> progress) {
    Map<String, Object> ref = McpJson.object(params.get("ref"));
    boolean prompt = "ref/prompt".equals(McpJson.string(ref, "type"));
    String field = prompt ? "name" : "uri";
    String exposed = McpJson.string(ref, field);
    McpItem item = prompt ? McpItem.PROMPT : McpItem.RESOURCE;
    Mono<Optional<Routed>> routing =
        lookingUp(exposed)
            ? lookup(prompt ? ListKind.PROMPTS : ListKind.TEMPLATES, exposed)
            : Mono.just(
                prompt
                    ? service.federation().resolveName(exposed)
                    : service.federation().resolveUri(exposed));
    return routing.flatMap(
        routed -> {
          if (routed.isEmpty() || !visible.test(item, routed.get().target(), routed.get().name())) {
            return Mono.just(error(id, ErrorCodes.INVALID_PARAMS, "Unknown reference: " + exposed));
          }
          ref.put(field, routed.get().name());
          params.put("ref", ref);
          return forward(
              id, routed.get().target(), McpSchema.METHOD_COMPLETION_COMPLETE, params, progress);
        });
  }

  private Mono<JSONRPCResponse> setLevel(Object id, Map<String, Object> params) {
    return service
        .connectAll()
        .flatMapMany(Flux::fromIterable)
        .flatMap(
            s ->
                service
                    .targets()
                    .get(s.target())
                    .request(McpSchema.METHOD_LOGGING_SET_LEVEL, traced(params), null)
                    .onErrorResume(e -> Mono.empty()))
        .then(Mono.just(result(id, Map.of())));
  }

  private Mono<JSONRPCResponse> forward(
      Object id,
      String target,
      String method,
      Map<String, Object> params,
      Consumer<JSONRPCNotification> progress) {
    UpstreamConnection c = service.targets().get(target);
    reached.add(target);
    return c.request(method, traced(params), progress)
        .onErrorMap(e -> new TargetUnavailableException(target, e.getMessage()))
        .map(r -> new JSONRPCResponse(McpSchema.JSONRPC_VERSION, id, r.result(), r.error()));
  }

  /**
   * {@code params} with the trace context in {@code _meta}, overwriting a client's own: the
   * target's work is a child of the gateway's span, which is itself a child of the client's.
   */
  private Map<String, Object> traced(Map<String, Object> params) {
    if (traceContext.isEmpty()) {
      return params;
    }
    Map<String, Object> copy = new LinkedHashMap<>(params);
    Map<String, Object> meta = McpJson.object(copy.get("_meta"));
    meta.putAll(traceContext);
    copy.put("_meta", meta);
    return copy;
  }

  /** Resource contents carry their URI; a client must see the federated one. */
  private JSONRPCResponse federateContents(JSONRPCResponse response, String target) {
    if (response.result() == null) {
      return response;
    }
    Map<String, Object> result = McpJson.object(response.result());
    List<Object> contents = new ArrayList<>();
    for (Object c : McpJson.array(result, "contents")) {
      Map<String, Object> copy = McpJson.object(c);
      String uri = McpJson.string(copy, "uri");
      if (uri != null) {
        copy.put("uri", service.federation().expose(ListKind.RESOURCES, target, uri));
      }
      contents.add(copy);
    }
    result.put("contents", contents);
    return new JSONRPCResponse(McpSchema.JSONRPC_VERSION, response.id(), result, null);
  }

  public static JSONRPCResponse result(Object id, Object result) {
    return new JSONRPCResponse(McpSchema.JSONRPC_VERSION, id, result, null);
  }

  public static JSONRPCResponse error(Object id, int code, String message) {
    return new JSONRPCResponse(
        McpSchema.JSONRPC_VERSION, id, null, new JSONRPCError(code, message, null));
  }
}
