package io.agw.gateway.ui;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Where the admin port ({@code server.port}) can be reached from this process: the port the server
 * actually bound (known once it started; {@code server.port=0} picks one), on loopback, or on
 * {@code server.address} when that is one specific address. Thread-safe.
 */
final class AdminPort implements ApplicationListener<WebServerInitializedEvent> {

  private final Environment environment;
  private volatile int bound;

  AdminPort(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    // The management server, when it has a port of its own, has a namespace; the admin port not.
    if (event.getApplicationContext().getServerNamespace() == null) {
      bound = event.getWebServer().getPort();
    }
  }

  /**
   * The base URL of the admin port.
   *
   * @throws IllegalArgumentException when the port is not known yet (a random port before the
   *     server started)
   */
  URI base() {
    int port = bound > 0 ? bound : environment.getProperty("server.port", Integer.class, 8080);
    if (port <= 0) {
      throw new IllegalArgumentException("the admin port is not known yet (server.port=0)");
    }
    return URI.create("http://" + host() + ":" + port);
  }

  private String host() {
    String address = environment.getProperty("server.address");
    if (address == null || address.isBlank()) {
      return "127.0.0.1";
    }
    try {
      InetAddress parsed = InetAddress.getByName(address);
      if (parsed.isAnyLocalAddress()) {
        return "127.0.0.1";
      }
      String host = parsed.getHostAddress();
      return host.contains(":") ? "[" + host + "]" : host;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("server.address " + address + " cannot be resolved", e);
    }
  }
}
