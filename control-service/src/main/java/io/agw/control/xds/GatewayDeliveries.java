package io.agw.control.xds;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What each gateway has done with what it was sent: the last version it acknowledged and the last
 * rejection (NACK) with the gateway's own error message, so that the Gateway's status and the logs
 * can say why a change is not serving. Thread-safe.
 *
 * <p>Listeners ({@link #onNackChange}) hear of a gateway whose NACK state changed: a new NACK, or
 * an ACK that clears one. They run on the gRPC thread that received the answer and must not block.
 */
public final class GatewayDeliveries {

  /** A rejected snapshot: the gateway keeps serving its previous state. */
  public record Nack(long version, String message, Instant at) {}

  /**
   * @param connectedStreams how many streams of this gateway (replicas) are connected
   * @param ackedVersion the last snapshot version a replica acknowledged, or 0
   * @param lastNack the last rejection since the last acknowledgement, or null
   */
  public record Delivery(int connectedStreams, long ackedVersion, Nack lastNack) {}

  private final Map<String, Delivery> byNode = new ConcurrentHashMap<>();
  private final List<Consumer<String>> nackListeners = new CopyOnWriteArrayList<>();

  /** Calls {@code listener} with the node id of each gateway whose last NACK changed. */
  public void onNackChange(Consumer<String> listener) {
    nackListeners.add(listener);
  }

  private void nackChanged(String nodeId) {
    for (Consumer<String> listener : nackListeners) {
      listener.accept(nodeId);
    }
  }

  public Optional<Delivery> delivery(String nodeId) {
    return Optional.ofNullable(byNode.get(nodeId));
  }

  void connected(String nodeId) {
    byNode.merge(
        nodeId,
        new Delivery(1, 0, null),
        (old, one) -> new Delivery(old.connectedStreams() + 1, old.ackedVersion(), old.lastNack()));
  }

  void disconnected(String nodeId) {
    byNode.computeIfPresent(
        nodeId,
        (id, old) ->
            new Delivery(
                Math.max(0, old.connectedStreams() - 1), old.ackedVersion(), old.lastNack()));
  }

  void acked(String nodeId, long version) {
    Delivery before = byNode.get(nodeId);
    byNode.computeIfPresent(
        nodeId, (id, old) -> new Delivery(old.connectedStreams(), version, null));
    if (before != null && before.lastNack() != null) {
      nackChanged(nodeId);
    }
  }

  void nacked(String nodeId, long version, String message) {
    byNode.computeIfPresent(
        nodeId,
        (id, old) ->
            new Delivery(
                old.connectedStreams(),
                old.ackedVersion(),
                new Nack(version, message, Instant.now())));
    nackChanged(nodeId);
  }
}
