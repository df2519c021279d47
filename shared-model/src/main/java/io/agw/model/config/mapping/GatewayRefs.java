package io.agw.model.config.mapping;

import io.agw.model.config.ConfigErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateways of a file and their listeners, to resolve agentgateway's gateway references ({@code
 * <gateway>} for every listener of a gateway, {@code <gateway>/<listener>} for one) to listener
 * keys. In the {@code binds} layout every listener belongs to one gateway, named by {@code
 * config.gateway} or {@code default}; a layout with named gateways adds its own. Only HTTP and
 * HTTPS listeners can take HTTP routes. Not thread-safe: filled, then read, by one load.
 */
public final class GatewayRefs {

  /** The gateway of the {@code binds} layout when {@code config.gateway} is not set. */
  public static final String DEFAULT_GATEWAY = "default";

  private record Member(String name, String key, boolean http) {}

  private final Map<String, List<Member>> gateways = new LinkedHashMap<>();

  /**
   * Records a listener.
   *
   * @param name the listener's name (its index when it has none)
   * @param key its {@code Listener} resource key
   * @param http whether it serves HTTP routes (HTTP or HTTPS)
   */
  public void add(String gateway, String name, String key, boolean http) {
    gateways.computeIfAbsent(gateway, g -> new ArrayList<>()).add(new Member(name, key, http));
  }

  private boolean isListenerKey(String ref) {
    return gateways.values().stream()
        .flatMap(List::stream)
        .anyMatch(member -> member.http() && member.key().equals(ref));
  }

  /** Whether a gateway of that name has at least one listener. */
  public boolean has(String gateway) {
    return gateways.containsKey(gateway);
  }

  /**
   * The keys of the HTTP listeners {@code refs} name, each once, in the order named. A reference to
   * no gateway, to no listener of its gateway, or to listeners that take no HTTP routes is an error
   * at {@code path[i]} (or {@code path} when {@code refs} was written as one string).
   */
  public List<String> resolveHttp(String path, List<String> refs, ConfigErrors errors) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      String ref = refs.get(i);
      String at = refs.size() == 1 ? path : path + "[" + i + "]";
      if (ref == null || ref.isBlank()) {
        errors.add(at, "must name a gateway (<gateway> or <gateway>/<listener>)");
        continue;
      }
      if (isListenerKey(ref)) {
        // A reference the v1.4 layout's reader has already resolved to a listener key.
        if (!keys.contains(ref)) {
          keys.add(ref);
        }
        continue;
      }
      int slash = ref.indexOf('/');
      String gateway = slash < 0 ? ref : ref.substring(0, slash);
      String listener = slash < 0 ? null : ref.substring(slash + 1);
      List<Member> members = gateways.get(gateway);
      if (members == null) {
        errors.add(at, "unknown gateway reference '" + ref + "'; gateways: " + gateways.keySet());
        continue;
      }
      List<Member> named =
          members.stream().filter(m -> listener == null || m.name().equals(listener)).toList();
      if (named.isEmpty()) {
        errors.add(
            at,
            "unknown gateway reference '"
                + ref
                + "': gateway '"
                + gateway
                + "' has no listener named '"
                + listener
                + "'; listeners: "
                + members.stream().map(Member::name).toList());
        continue;
      }
      List<Member> http = named.stream().filter(Member::http).toList();
      if (http.isEmpty()) {
        errors.add(at, "gateway reference '" + ref + "' has no HTTP listeners");
      }
      for (Member m : http) {
        if (!keys.contains(m.key())) {
          keys.add(m.key());
        }
      }
    }
    return keys;
  }
}
