package io.agw.gateway.mcp.federation;

import io.agw.gateway.mcp.federation.Federation.ListKind;
import io.agw.gateway.mcp.json.McpJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which target serves each unprefixed name, for a backend whose names carry no target ({@code
 * prefixMode: never} with several targets). Filled from the targets' own lists each time a list is
 * merged; a name that is not known yet is looked up by listing again. When two targets list the
 * same name, the first target in configuration order serves it and the other's item is left out, so
 * a client never sees a name it cannot call. Thread-safe.
 */
public final class NameDirectory {

  /** One target's list, as that target answered it. */
  record TargetItems(String target, List<Object> items) {}

  private final Map<ListKind, Map<String, String>> byKind = new ConcurrentHashMap<>();

  /** The target that listed {@code name} in the last {@code kind} list, if any. */
  Optional<String> targetOf(ListKind kind, String name) {
    Map<String, String> names = byKind.get(kind);
    return names == null ? Optional.empty() : Optional.ofNullable(names.get(name));
  }

  /**
   * Records the targets' lists (in configuration order) and returns them without the items whose
   * name an earlier target already listed.
   */
  List<TargetItems> record(ListKind kind, List<TargetItems> lists) {
    Map<String, String> names = new LinkedHashMap<>();
    List<TargetItems> unique = new ArrayList<>();
    for (TargetItems list : lists) {
      List<Object> kept = new ArrayList<>();
      for (Object item : list.items()) {
        String name = McpJson.string(McpJson.object(item), kind.field());
        if (name != null && names.putIfAbsent(name, list.target()) == null) {
          kept.add(item);
        }
      }
      unique.add(new TargetItems(list.target(), kept));
    }
    byKind.put(kind, Map.copyOf(names));
    return unique;
  }
}
