package io.agw.gateway.extproc;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC channel per processing service address, shared by every policy and every state (a reload
 * does not open new connections). Closed with the application context. Thread-safe.
 */
final class ProcessorChannels implements AutoCloseable {

  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  /** The channel to {@code host}:{@code port}, opened on first use (plaintext). */
  ManagedChannel get(String host, int port) {
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
