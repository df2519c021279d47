package io.agw.control.xds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The delta between what a gateway holds and a snapshot, as two pure functions. A gateway's
 * holdings are key-to-version, as sent in {@code initial_resource_versions} or recorded from ACKs.
 */
public final class Deltas {

  private Deltas() {}

  /** The snapshot's resources the gateway lacks or holds at another version, in snapshot order. */
  public static List<VersionedResource> changed(Snapshot snapshot, Map<String, String> held) {
    List<VersionedResource> out = new ArrayList<>();
    for (VersionedResource r : snapshot.resources().values()) {
      if (!r.version().equals(held.get(r.key()))) {
        out.add(r);
      }
    }
    return out;
  }

  /** The keys the gateway holds that the snapshot no longer has, sorted. */
  public static List<String> removed(Snapshot snapshot, Map<String, String> held) {
    List<String> out = new ArrayList<>();
    for (String key : held.keySet()) {
      if (!snapshot.resources().containsKey(key)) {
        out.add(key);
      }
    }
    out.sort(null);
    return out;
  }
}
