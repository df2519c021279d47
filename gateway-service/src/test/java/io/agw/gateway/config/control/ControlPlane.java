package io.agw.gateway.config.control;

import io.agw.control.xds.DeltaAdsService;
import io.agw.control.xds.GatewayDeliveries;
import io.agw.control.xds.SnapshotCache;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * The control service's real delta ADS server on a loopback port, as a test harness: it can be
 * stopped and started again on the same port with fresh state, as a restarted control service.
 */
final class ControlPlane implements AutoCloseable {

  private final int port;
  private SnapshotCache cache;
  private GatewayDeliveries deliveries;
  private Server server;

  ControlPlane(int port) {
    this.port = port;
  }

  /** Starts with an empty cache, as a freshly started control service. */
  ControlPlane start() {
    cache = new SnapshotCache();
    deliveries = new GatewayDeliveries();
    try {
      server =
          Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create())
              .addService(new DeltaAdsService(cache, deliveries))
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  void stop() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }

  SnapshotCache cache() {
    return cache;
  }

  GatewayDeliveries deliveries() {
    return deliveries;
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
