package io.agw.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Free loopback ports for the gateway's binds in tests. */
public final class FreePorts {

  private FreePorts() {}

  public static int next() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Client sockets bound and never connected: each holds its port closed for the JVM's life. */
  private static final List<Socket> HELD = new CopyOnWriteArrayList<>();

  /**
   * A loopback port nothing listens on, and nothing can until the JVM ends: a connection to it is
   * refused at once. A port from {@link #next()} is free only when asked, and a server started
   * later with port 0 may be given it, so a test of an unreachable upstream takes this instead.
   */
  public static int closed() {
    try {
      Socket socket = new Socket();
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      HELD.add(socket);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
