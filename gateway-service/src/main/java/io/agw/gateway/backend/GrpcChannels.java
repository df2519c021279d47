package io.agw.gateway.backend;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One plaintext gRPC channel per service address (an authorization service, an external processor,
 * a rate limit service), shared by every policy and every state of its owner (a reload does not
 * open new connections); closed with it. Thread-safe.
 */
public final class GrpcChannels implements AutoCloseable {

  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  /** The channel to {@code host}:{@code port}, opened on first use (plaintext). */
  public ManagedChannel get(String host, int port) {
    return channels.computeIfAbsent(
        host + ":" + port,
        k ->
            Grpc.newChannelBuilderForAddress(host, port, InsecureChannelCredentials.create())
                .build());
  }

  @Override
  public void close() throws InterruptedException {
    for (ManagedChannel channel : channels.values()) {
      channel.shutdownNow();
    }
    for (ManagedChannel channel : channels.values()) {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
