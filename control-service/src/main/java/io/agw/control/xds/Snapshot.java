package io.agw.control.xds;

import io.agw.model.resource.v1.Resource;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The complete, immutable resource set for one gateway at one version. Versions only grow within
 * one control-service process; resources carry their own content versions.
 *
 * @param version the snapshot's version, sent as {@code system_version_info}
 * @param resources the resources by key, in the order they were published
 */
public record Snapshot(long version, Map<String, VersionedResource> resources) {

  /** Version and size only: resources may carry secrets inline. */
  @Override
  public String toString() {
    return "Snapshot[version=" + version + ", resources=" + resources.size() + "]";
  }

  public Snapshot {
    resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
  }

  /** Builds a snapshot, refusing two resources with one key (the gateway could not tell them). */
  public static Snapshot of(long version, Collection<Resource> resources) {
    Map<String, VersionedResource> byKey = new LinkedHashMap<>();
    for (Resource r : resources) {
      if (r.getKey().isEmpty()) {
        throw new IllegalArgumentException("a resource has no key: " + r);
      }
      if (byKey.put(r.getKey(), VersionedResource.of(r)) != null) {
        throw new IllegalArgumentException("two resources have the key " + r.getKey());
      }
    }
    return new Snapshot(version, byKey);
  }

  /** The key-to-version map a gateway holds once it has applied this snapshot. */
  public Map<String, String> versions() {
    Map<String, String> out = new LinkedHashMap<>();
    resources.forEach((key, r) -> out.put(key, r.version()));
    return out;
  }

  /** Whether both snapshots hold the same keys at the same versions. */
  public boolean sameContent(Snapshot other) {
    return other != null && versions().equals(other.versions());
  }
}
