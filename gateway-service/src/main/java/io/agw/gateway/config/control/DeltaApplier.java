package io.agw.gateway.config.control;

import com.google.protobuf.InvalidProtocolBufferException;
import io.agw.gateway.state.InvalidStateException;
import io.agw.gateway.state.ResourceStore;
import io.agw.model.resource.v1.Resource;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies delta xDS responses to the {@link ResourceStore} and says what to answer: an ACK when the
 * whole delta was applied, a NACK with the store's reasons when it was refused (the store then
 * keeps serving the last good state). Remembers the version of every resource it applied, which is
 * what a new stream reports in {@code initial_resource_versions}; those versions outlive a stream.
 *
 * <p>Not thread-safe: one stream at a time calls it (the client serializes).
 */
final class DeltaApplier {

  /** The type URL of our {@code Resource} packed in {@code Any}. */
  static final String TYPE_URL = "type.googleapis.com/" + Resource.getDescriptor().getFullName();

  /** google.rpc.Code.INVALID_ARGUMENT. */
  private static final int INVALID_ARGUMENT = 3;

  private final ResourceStore store;
  private final String source;
  private final Map<String, String> held = new HashMap<>();

  DeltaApplier(ResourceStore store, String source) {
    this.store = store;
    this.source = source;
  }

  /** What this gateway holds, by key and version. */
  Map<String, String> held() {
    return Map.copyOf(held);
  }

  /** Applies {@code response} and returns the ACK or NACK to send. */
  DeltaDiscoveryRequest apply(DeltaDiscoveryResponse response) {
    String version = response.getSystemVersionInfo();
    if (!TYPE_URL.equals(response.getTypeUrl())) {
      return refuse(response, "unsupported type URL " + response.getTypeUrl());
    }
    List<Resource> upserts = new ArrayList<>();
    try {
      for (var r : response.getResourcesList()) {
        Resource resource = r.getResource().unpack(Resource.class);
        if (!resource.getKey().equals(r.getName())) {
          return refuse(
              response, "resource " + r.getName() + " carries the key " + resource.getKey());
        }
        upserts.add(resource);
      }
    } catch (InvalidProtocolBufferException e) {
      return refuse(response, "a resource cannot be read: " + e.getMessage());
    }
    try {
      store.applyDelta(source + " version " + version, upserts, response.getRemovedResourcesList());
    } catch (InvalidStateException e) {
      return nack(response, e.getMessage());
    }
    response.getRemovedResourcesList().forEach(held::remove);
    response.getResourcesList().forEach(r -> held.put(r.getName(), r.getVersion()));
    return DeltaDiscoveryRequest.newBuilder()
        .setTypeUrl(TYPE_URL)
        .setResponseNonce(response.getNonce())
        .build();
  }

  private DeltaDiscoveryRequest refuse(DeltaDiscoveryResponse response, String problem) {
    store.refuse(source + " version " + response.getSystemVersionInfo(), List.of(problem));
    return nack(response, problem);
  }

  private static DeltaDiscoveryRequest nack(DeltaDiscoveryResponse response, String message) {
    return DeltaDiscoveryRequest.newBuilder()
        .setTypeUrl(TYPE_URL)
        .setResponseNonce(response.getNonce())
        .setErrorDetail(
            com.google.rpc.Status.newBuilder().setCode(INVALID_ARGUMENT).setMessage(message))
        .build();
  }
}
