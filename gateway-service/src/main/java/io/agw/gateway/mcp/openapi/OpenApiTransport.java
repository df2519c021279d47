package io.agw.gateway.mcp.openapi;

import io.agw.gateway.mcp.upstream.UpstreamTransport;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

/**
 * An MCP "connection" to an OpenAPI target, served in-process: a request sent here is answered by
 * {@link OpenApiRpcHandler} (a tool call becomes one HTTP request to the API) and the answer comes
 * back through {@code inbound}, as a wire transport's would. {@code send} completes once a request
 * is accepted, not when it is answered.
 *
 * <p>Threading: answers reach {@code inbound} on the thread that completes them, the caller's for
 * {@code initialize}, {@code tools/list} and {@code ping}, a reactor-netty thread for a tool call.
 * A {@code notifications/cancelled} cancels the HTTP request of the call it names; other
 * notifications are ignored. {@link #close()} cancels the calls in flight, which are then never
 * answered, and runs {@code closed} once. Thread-safe.
 */
public final class OpenApiTransport implements UpstreamTransport {

  private static final Logger log = LoggerFactory.getLogger(OpenApiTransport.class);

  private static final String CANCELLED = "notifications/cancelled";

  private final OpenApiRpcHandler handler;
  private final Map<Object, Disposable> inFlight = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Consumer<JSONRPCMessage> inbound;
  private volatile Runnable onClosed;

  OpenApiTransport(OpenApiRpcHandler handler) {
    this.handler = handler;
  }

  @Override
  public Mono<Void> start(Consumer<JSONRPCMessage> inbound, Runnable closed) {
    return Mono.fromRunnable(
        () -> {
          if (this.closed.get()) {
            throw new IllegalStateException(describe() + " is closed");
          }
          this.inbound = inbound;
          this.onClosed = closed;
        });
  }

  @Override
  public Mono<Void> send(JSONRPCMessage message) {
    return Mono.fromRunnable(
        () -> {
          if (closed.get() || inbound == null) {
            throw new IllegalStateException(describe() + " is not open");
          }
          if (message instanceof JSONRPCRequest request) {
            dispatch(request);
          } else if (message instanceof JSONRPCNotification notification) {
            notified(notification);
          }
          // A response would answer a request of ours; this server never sends any.
        });
  }

  private void dispatch(JSONRPCRequest request) {
    Object key = String.valueOf(request.id());
    // Registered before subscribing, so that a call answered at once leaves nothing behind.
    Disposable.Swap slot = Disposables.swap();
    inFlight.put(key, slot);
    slot.update(
        handler
            .handle(request)
            .doFinally(s -> inFlight.remove(key, slot))
            .subscribe(
                this::deliver,
                e -> log.warn("{}: {} failed: {}", describe(), request.method(), e.toString())));
  }

  private void deliver(JSONRPCResponse response) {
    Consumer<JSONRPCMessage> sink = inbound;
    if (!closed.get() && sink != null) {
      sink.accept(response);
    }
  }

  private void notified(JSONRPCNotification notification) {
    if (CANCELLED.equals(notification.method())
        && notification.params() instanceof Map<?, ?> params) {
      Disposable call = inFlight.remove(String.valueOf(params.get("requestId")));
      if (call != null) {
        call.dispose();
      }
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    inFlight.values().forEach(Disposable::dispose);
    inFlight.clear();
    Runnable r = onClosed;
    if (r != null) {
      r.run();
    }
  }

  @Override
  public String describe() {
    return handler.describe();
  }
}
