package io.agw.gateway.server;

import io.agw.gateway.GatewayProperties;
import io.agw.gateway.state.GatewayState;
import io.agw.gateway.state.GatewayState.BindSpec;
import io.agw.gateway.state.ResourceStore;
import io.agw.gateway.state.StateListener;
import io.agw.model.resource.v1.FrontendHttp;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AsyncMapping;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.SslProvider;

/**
 * Opens and closes the traffic ports as states change: a new port is bound before the state that
 * needs it becomes current (so a port that cannot be bound refuses the state), a port that is no
 * longer used is closed after the switch, letting in-flight requests finish. An HTTPS port picks a
 * certificate per connection from the server name the client sends (SNI), reading the current
 * state's certificates, so changed certificates apply to new connections without a rebind; a port
 * that switches between HTTP and HTTPS is rebound. Applies are serialized by the {@link
 * ResourceStore}.
 */
public final class BindServers implements StateListener, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(BindServers.class);

  /**
   * An open port; {@code current} is what each new connection reads (the SNI selection, header
   * limits, TCP keepalives), replaced when a state with other settings is committed.
   */
  private record Running(
      BindSpec spec,
      DisposableServer server,
      AtomicReference<BindSpec> current,
      ChannelGroup connections) {}

  private final String address;
  private final GatewayProperties.Server limits;
  private final IntFunction<HttpHandler> handlers;
  private final Drain drain;
  private final LoopResources loops;
  // Set when the gateway stops: every answer then closes its connection.
  private volatile boolean draining;
  private final Map<Integer, Running> running = new ConcurrentHashMap<>();
  private final Map<Integer, Running> pending = new HashMap<>();
  private volatile boolean started;

  /**
   * @param address the address to bind every port on (for example 0.0.0.0 or 127.0.0.1)
   * @param limits the timeouts and connection limit every port applies to its clients
   * @param handlers the HTTP handler of each port
   * @param drain how ports drain when they close
   * @param loops the event loops to run on, or null for reactor-netty's default ones
   */
  public BindServers(
      String address,
      GatewayProperties.Server limits,
      IntFunction<HttpHandler> handlers,
      Drain drain,
      LoopResources loops) {
    this.address = address;
    this.limits = limits;
    this.handlers = handlers;
    this.drain = drain;
    this.loops = loops;
  }

  /** The ports currently open, with the actual port of each (useful when 0 was configured). */
  public Map<Integer, Integer> ports() {
    Map<Integer, Integer> out = new HashMap<>();
    running.forEach((p, r) -> out.put(p, r.server().port()));
    return out;
  }

  @Override
  public void prepare(GatewayState current, GatewayState next) {
    pending.clear();
    for (BindSpec spec : next.binds().values()) {
      Running existing = running.get(spec.port());
      if (existing != null) {
        // Same setup: certificates are swapped at commit. HTTP <-> HTTPS: rebound at commit, as
        // the new socket cannot overlap with the old one.
        continue;
      }
      try {
        pending.put(spec.port(), bind(spec));
      } catch (RuntimeException e) {
        rollback(current, next);
        throw new IllegalStateException(
            "cannot listen on port " + spec.port() + ": " + rootMessage(e), e);
      }
    }
  }

  @Override
  public void rollback(GatewayState current, GatewayState next) {
    pending.values().forEach(r -> r.server().disposeNow(Duration.ofSeconds(1)));
    pending.clear();
  }

  @Override
  public void committed(GatewayState previous, GatewayState next) {
    running.putAll(pending);
    pending.clear();
    for (var entry : List.copyOf(running.entrySet())) {
      int port = entry.getKey();
      BindSpec wanted = next.binds().get(port);
      if (wanted == null) {
        running.remove(port);
        close(entry.getValue());
      } else if (!entry.getValue().spec().sameListenerSetup(wanted)) {
        running.remove(port);
        close(entry.getValue());
        running.put(port, bind(wanted));
      } else if (entry.getValue().spec() != wanted) {
        Running r = entry.getValue();
        r.current().set(wanted);
        running.put(port, new Running(wanted, r.server(), r.current(), r.connections()));
      }
    }
  }

  private Running bind(BindSpec spec) {
    AtomicReference<BindSpec> current = new AtomicReference<>(spec);
    FrontendHttp http = spec.frontend().getHttp();
    // Every connection of the port, so that a drain waits for their requests and then cuts them.
    ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    ReactorHttpHandlerAdapter adapter = new ReactorHttpHandlerAdapter(handlers.apply(spec.port()));
    HttpServer server =
        HttpServer.create()
            .protocol(Http2Frontend.protocols(spec))
            .http2Settings(settings -> Http2Frontend.settings(settings, http))
            .channelGroup(connections)
            .host(address)
            .port(spec.port())
            // Silence before the first request and between keep-alive requests; not counted while
            // a request is in progress, so a long response stream is never cut by it.
            .idleTimeout(
                http.hasHttp1IdleTimeout()
                    ? Duration.ofSeconds(
                        http.getHttp1IdleTimeout().getSeconds(),
                        http.getHttp1IdleTimeout().getNanos())
                    : limits.http1IdleTimeout())
            // The longest gap between reads of a request body; stopped once the body is read.
            .readTimeout(limits.bodyReadTimeout())
            .doOnChannelInit(
                (observer, channel, remote) -> {
                  BindSpec now = current.get();
                  if (now.frontend().hasTcp()) {
                    TcpKeepalives.apply(channel, now.frontend().getTcp());
                  }
                  Http1Connections.install(
                      channel, limits.headerReadTimeout(), now.frontend().getHttp());
                })
            .handle(
                new RequestTargetGuard(
                    (request, response) -> {
                      Http2Frontend.onRequest(request, current.get().frontend().getHttp());
                      if (draining) {
                        response.keepAlive(false);
                        return adapter
                            .apply(request, response)
                            .doFinally(signal -> Http2Frontend.answered(request));
                      }
                      return adapter.apply(request, response);
                    }));
    if (loops != null) {
      server = server.runOn(loops);
    }
    if (limits.maxConnections() > 0) {
      // Counted per port; a connection beyond the limit is closed as soon as it is accepted.
      server = server.maxConnections(limits.maxConnections());
    }
    if (spec.tls() != null) {
      // The mapping runs once per handshake; a null name (no SNI) gets the fallback certificate.
      AsyncMapping<String, SslProvider> sni =
          (serverName, promise) ->
              promise.setSuccess(current.get().tls().select(serverName).provider());
      // Until the client's hello names a server, this timeout applies; then the chosen
      // certificate's (the same value, from frontendPolicies.tls.handshakeTimeout).
      Duration handshake = spec.tls().fallback().handshakeTimeout();
      server =
          server.secure(
              ssl ->
                  ssl.sslContext(spec.tls().fallback().context())
                      .handshakeTimeout(handshake)
                      .setSniAsyncMappings(sni));
    }
    DisposableServer bound = server.bindNow(Duration.ofSeconds(10));
    log.info(
        "listening on {}:{}{} ({})",
        address,
        bound.port(),
        spec.tls() != null ? " (HTTPS)" : "",
        java.util.Arrays.toString(Http2Frontend.protocols(spec)));
    return new Running(spec, bound, current, connections);
  }

  private void close(Running r) {
    close(r, System.nanoTime() + drain.deadline().toNanos());
  }

  /** Closes the port, waits for its requests until {@code deadline}, then cuts what is left. */
  private static void close(Running r, long deadline) {
    log.info("closing port {}", r.spec().port());
    Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    try {
      r.server().disposeNow(left.isZero() ? Duration.ofMillis(1) : left);
    } catch (IllegalStateException e) {
      log.info(
          "port {}: {} connection(s) still open at the drain deadline are closed",
          r.spec().port(),
          r.connections().size());
    }
    r.connections().close().awaitUninterruptibly(1000);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  @Override
  public void start() {
    started = true;
  }

  @Override
  public void stop() {
    long deadline = System.nanoTime() + drain.deadline().toNanos();
    if (!running.isEmpty() && !drain.minDeadline().isZero()) {
      draining = true;
      log.info(
          "draining: accepting connections for {} more, each closed after its answer",
          drain.minDeadline());
      try {
        Thread.sleep(drain.minDeadline().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    draining = true;
    running.values().forEach(r -> close(r, deadline));
    running.clear();
    started = false;
  }

  @Override
  public boolean isRunning() {
    return started;
  }
}
