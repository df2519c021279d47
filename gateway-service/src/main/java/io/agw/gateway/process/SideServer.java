package io.agw.gateway.process;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * A small HTTP server of its own on a configured address (the stats and readiness servers of
 * agentgateway's {@code statsAddr} and {@code readinessAddr}), open while the application runs.
 * Started in the last phase and stopped first, like the traffic ports. Not thread-safe: Spring's
 * lifecycle calls it.
 */
class SideServer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SideServer.class);

  private final String name;
  private final InetSocketAddress address;
  private final Consumer<HttpServerRoutes> routes;
  private DisposableServer server;

  /**
   * @param name what the server serves, for the log
   * @param address where it listens; null for nowhere (then it never starts)
   * @param routes its routes
   */
  SideServer(String name, InetSocketAddress address, Consumer<HttpServerRoutes> routes) {
    this.name = name;
    this.address = address;
    this.routes = routes;
  }

  /** The port it listens on, or -1 when it does not. */
  int port() {
    DisposableServer s = server;
    return s == null ? -1 : s.port();
  }

  @Override
  public void start() {
    if (address == null) {
      return;
    }
    try {
      server =
          HttpServer.create()
              .host(address.getHostString())
              .port(address.getPort())
              .route(routes)
              .bindNow(Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot listen on "
              + address.getHostString()
              + ":"
              + address.getPort()
              + " for the "
              + name
              + ": "
              + e.getMessage(),
          e);
    }
    log.info("{} listening on {}:{}", name, address.getHostString(), server.port());
  }

  @Override
  public void stop() {
    if (server != null) {
      server.disposeNow(Duration.ofSeconds(2));
      server = null;
    }
  }

  @Override
  public boolean isRunning() {
    return server != null;
  }
}
