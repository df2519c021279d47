package io.agw.model.config.read;

import io.agw.model.config.ConfigErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites agentgateway's v1.4 layout into the {@code binds} layout, on the parsed tree and before
 * anything is bound, so that both layouts go through one reader and one mapper and give the same
 * resources. As agentgateway does:
 *
 * <ul>
 *   <li>each of {@code gateways} becomes a bind on its port; a gateway without {@code listeners} is
 *       one listener named after the gateway (its {@code tls} and policy fields are the
 *       listener's), a gateway with listeners has one listener each, named by {@code name} or
 *       {@code listener<index>};
 *   <li>each of {@code routes} is copied onto every listener its {@code gateways} names ({@code
 *       <gateway>} for all of a gateway's listeners, {@code <gateway>/<listener>} for one); without
 *       {@code gateways} it attaches to the gateway named {@code default};
 *   <li>{@code llm.gateways} and {@code mcp.gateways} are resolved to the listener keys they name
 *       ({@code listener/<port>/<listener>}), where the mapper attaches the shorthand's route;
 *       without them (and without {@code port}) the shorthand attaches to {@code default};
 *   <li>top-level {@code policies} move into the {@code policies} of what they target ({@link
 *       TargetedPolicies});
 *   <li>{@code llm.providers} are merged into the models that reference them ({@link
 *       LlmProviderReferences}).
 * </ul>
 *
 * <p>{@code binds} may be written next to {@code gateways} (agentgateway accepts both; every port
 * must still be unique). {@code tcpRoutes}, {@code services} and {@code workloads} are refused by
 * path. Every part written in a new place is recorded in the {@link PathTranslation}, so a problem
 * found later names the path the user wrote. One instance per read; not thread-safe.
 */
final class LayoutNormalizer {

  /** The message for the parts of the layout that belong to TCP and TLS routing. */
  static final String ISSUE_19 =
      "is an agentgateway field that this gateway does not support yet (TCP and TLS routes,"
          + " services and workloads: issue 19)";

  private static final String DEFAULT_GATEWAY = "default";
  private static final Set<String> LISTENER_FIELDS = Set.of("name", "hostname", "protocol", "tls");

  /** A listener a gateway reference can name. */
  private record Target(String rewrittenPath, ObjectNode listener, String key) {}

  private final ObjectNode root;
  private final ConfigErrors errors;
  private final PathTranslation paths = new PathTranslation();
  private final Map<String, List<Target>> targetsByRef = new LinkedHashMap<>();

  private LayoutNormalizer(ObjectNode root, ConfigErrors errors) {
    this.root = root;
    this.errors = errors;
  }

  /**
   * Rewrites {@code root} in place; problems go to {@code errors} with the paths as written.
   *
   * @return how to translate the rewritten paths back (empty when the file uses only the {@code
   *     binds} layout)
   */
  static PathTranslation normalize(ObjectNode root, ConfigErrors errors) {
    LayoutNormalizer normalizer = new LayoutNormalizer(root, errors);
    normalizer.refuseTcp();
    normalizer.gateways();
    normalizer.routes();
    TargetedPolicies.move(root, errors, normalizer.paths, normalizer::listenersFor);
    normalizer.attach("llm");
    normalizer.attach("mcp");
    normalizer.attachUi();
    LlmProviderReferences.merge(root, errors, normalizer.paths);
    return normalizer.paths;
  }

  private void refuseTcp() {
    for (String field : List.of("tcpRoutes", "services", "workloads")) {
      if (root.has(field)) {
        errors.add(field, "'" + field + "' " + ISSUE_19);
        root.remove(field);
      }
    }
  }

  private void gateways() {
    JsonNode gateways = root.remove("gateways");
    if (gateways == null || gateways.isNull()) {
      return;
    }
    if (!gateways.isObject()) {
      errors.add("gateways", "expected a mapping of gateway names to gateways");
      return;
    }
    ArrayNode binds = bindsArray();
    for (Map.Entry<String, JsonNode> entry : gateways.properties()) {
      String name = entry.getKey();
      String path = "gateways." + name;
      if (!(entry.getValue() instanceof ObjectNode gateway)) {
        errors.add(path, "expected a mapping (port, listeners or tls, policies)");
        continue;
      }
      JsonNode port = gateway.get("port");
      if (port == null || port.isNull()) {
        errors.add(path + ".port", "required field is missing; a gateway needs a port");
        continue;
      }
      String bindPath = "binds[" + binds.size() + "]";
      paths.map(bindPath, path);
      ObjectNode bind = binds.addObject();
      bind.set("port", port);
      ArrayNode listeners = bind.putArray("listeners");
      String keyPrefix = port.isIntegralNumber() ? "listener/" + port.asInt() + "/" : null;
      JsonNode declared = gateway.get("listeners");
      List<Target> all = new ArrayList<>();
      if (declared == null || declared.isNull()) {
        ObjectNode own = gateway.deepCopy();
        own.remove("port");
        own.put("name", name);
        all.add(listener(listeners, bindPath, path, own, keyPrefix));
      } else if (!declared.isArray()) {
        errors.add(path + ".listeners", "expected a list");
        continue;
      } else {
        for (String field : gateway.propertyNames()) {
          if (!field.equals("port") && !field.equals("listeners")) {
            errors.add(
                path + "." + field,
                "a gateway that lists listeners sets only port; set '"
                    + field
                    + "' on its listeners");
          }
        }
        for (int i = 0; i < declared.size(); i++) {
          String listenerPath = path + ".listeners[" + i + "]";
          if (!(declared.get(i) instanceof ObjectNode written)) {
            errors.add(listenerPath, "expected a mapping");
            continue;
          }
          ObjectNode own = written.deepCopy();
          if (!own.hasNonNull("name")) {
            own.put("name", "listener" + i);
          }
          Target target = listener(listeners, bindPath, listenerPath, own, keyPrefix);
          targetsByRef.put(name + "/" + text(own.get("name")), List.of(target));
          all.add(target);
        }
      }
      targetsByRef.put(name, List.copyOf(all));
    }
  }

  /** Adds a gateway's listener, its policy fields moved into its {@code policies}. */
  private Target listener(
      ArrayNode listeners, String bindPath, String path, ObjectNode own, String keyPrefix) {
    String listenerPath = bindPath + ".listeners[" + listeners.size() + "]";
    JsonNode protocol = own.get("protocol");
    boolean tcp =
        protocol != null && (text(protocol).equals("TCP") || text(protocol).equals("TLS"));
    if (tcp) {
      errors.add(
          path + ".protocol",
          "'"
              + text(protocol)
              + "' is an agentgateway listener protocol that this gateway does not support yet"
              + " (TCP and TLS listeners: issue 19); use HTTP or HTTPS");
    }
    // A TCP or TLS listener is refused above and kept out of the binds, so nothing else about it
    // is reported; routes may still name it.
    ObjectNode listener = tcp ? listeners.objectNode() : listeners.addObject();
    ObjectNode policies = null;
    for (Map.Entry<String, JsonNode> field : own.properties()) {
      if (LISTENER_FIELDS.contains(field.getKey())) {
        listener.set(field.getKey(), field.getValue());
      } else {
        if (policies == null) {
          policies = listener.putObject("policies");
        }
        policies.set(field.getKey(), field.getValue());
      }
    }
    if (!listener.has("protocol") && listener.hasNonNull("tls")) {
      // agentgateway: a gateway or listener with tls and no protocol is HTTPS.
      listener.put("protocol", "HTTPS");
    }
    paths.map(listenerPath, path);
    paths.map(listenerPath + ".policies", path);
    String key = keyPrefix == null ? null : keyPrefix + text(listener.get("name"));
    return new Target(listenerPath, listener, key);
  }

  /**
   * The listeners {@code ref} names, by rewritten path; every listener of the file when it is null;
   * null when no gateway has that name.
   */
  private Map<String, ObjectNode> listenersFor(String ref) {
    Map<String, ObjectNode> found = new LinkedHashMap<>();
    if (ref == null) {
      if (root.get("binds") instanceof ArrayNode binds) {
        for (int b = 0; b < binds.size(); b++) {
          JsonNode listeners = binds.get(b).get("listeners");
          for (int l = 0; listeners != null && listeners.isArray() && l < listeners.size(); l++) {
            if (listeners.get(l) instanceof ObjectNode listener) {
              found.put("binds[" + b + "].listeners[" + l + "]", listener);
            }
          }
        }
      }
      return found;
    }
    List<Target> targets = targetsByRef.get(ref);
    if (targets == null) {
      return null;
    }
    targets.forEach(t -> found.put(t.rewrittenPath(), t.listener()));
    return found;
  }

  private void routes() {
    JsonNode routes = root.remove("routes");
    if (routes == null || routes.isNull()) {
      return;
    }
    if (!routes.isArray()) {
      errors.add("routes", "expected a list");
      return;
    }
    for (int i = 0; i < routes.size(); i++) {
      String path = "routes[" + i + "]";
      if (!(routes.get(i) instanceof ObjectNode route)) {
        errors.add(path, "expected a mapping");
        continue;
      }
      ObjectNode copy = route.deepCopy();
      JsonNode refs = copy.remove("gateways");
      for (Target target : resolve(path + ".gateways", refs, false)) {
        JsonNode existing = target.listener().get("routes");
        ArrayNode listenerRoutes =
            existing instanceof ArrayNode array ? array : target.listener().putArray("routes");
        paths.map(target.rewrittenPath() + ".routes[" + listenerRoutes.size() + "]", path);
        listenerRoutes.add(copy.deepCopy());
      }
    }
  }

  /** Resolves {@code llm.gateways} or {@code mcp.gateways} to listener keys, in the tree. */
  private void attach(String shorthand) {
    if (!(root.get(shorthand) instanceof ObjectNode node)) {
      return;
    }
    String path = shorthand + ".gateways";
    JsonNode refs = node.get("gateways");
    boolean hasPort = node.hasNonNull("port");
    if (refs == null || refs.isNull()) {
      if (hasPort || !targetsByRef.containsKey(DEFAULT_GATEWAY)) {
        return;
      }
    } else if (hasPort) {
      errors.add(path, "cannot be used with " + shorthand + ".port; set one of them");
      node.remove("gateways");
      return;
    }
    ArrayNode keys = node.putArray("gateways");
    for (Target target : resolve(path, refs, true)) {
      if (target.key() != null) {
        keys.add(target.key());
      }
    }
  }

  /**
   * Resolves {@code ui.gateways} to listener keys when the file names its gateways (without it, the
   * {@code binds} layout's rule applies: see {@code GatewayRefs}). Without refs the UI attaches to
   * the gateway named {@code default}, and is refused when there is none, as agentgateway does.
   */
  private void attachUi() {
    if (targetsByRef.isEmpty() || !(root.get("ui") instanceof ObjectNode node)) {
      return;
    }
    JsonNode refs = node.remove("gateways");
    ArrayNode keys = node.putArray("gateways");
    for (Target target : resolve("ui.gateways", refs, false)) {
      if (target.key() != null) {
        keys.add(target.key());
      }
    }
    if (keys.isEmpty()) {
      // Refused above (an error is recorded); an empty list must not fall back to the binds rule.
      node.remove("gateways");
    }
  }

  /**
   * The listeners {@code refs} (a name or a list of names) attach to; without refs, those of the
   * {@code default} gateway. Problems are recorded and give no listeners.
   */
  private List<Target> resolve(String path, JsonNode refs, boolean optional) {
    List<String> names = new ArrayList<>();
    List<String> namePaths = new ArrayList<>();
    if (refs == null || refs.isNull()) {
      if (!targetsByRef.containsKey(DEFAULT_GATEWAY)) {
        if (!optional) {
          errors.add(
              path,
              "required field is missing; name the gateways to attach to (there is no gateway"
                  + " named 'default')");
        }
        return List.of();
      }
      names.add(DEFAULT_GATEWAY);
      namePaths.add(path);
    } else if (refs.isString()) {
      names.add(refs.asString());
      namePaths.add(path);
    } else if (refs.isArray()) {
      for (int i = 0; i < refs.size(); i++) {
        if (!refs.get(i).isString()) {
          errors.add(path + "[" + i + "]", "expected a gateway name");
          continue;
        }
        names.add(refs.get(i).asString());
        namePaths.add(path + "[" + i + "]");
      }
    } else {
      errors.add(path, "expected a gateway name or a list of them");
      return List.of();
    }
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      List<Target> found = targetsByRef.get(names.get(i));
      if (found == null) {
        errors.add(namePaths.get(i), unknownRef(names.get(i)));
        continue;
      }
      for (Target t : found) {
        if (targets.stream().noneMatch(seen -> seen.rewrittenPath().equals(t.rewrittenPath()))) {
          targets.add(t);
        }
      }
    }
    return targets;
  }

  private String unknownRef(String name) {
    if (targetsByRef.isEmpty()) {
      return "unknown gateway '" + name + "'; the file defines no gateways";
    }
    return "unknown gateway '"
        + name
        + "'; use <gateway> or <gateway>/<listener>, one of: "
        + String.join(", ", targetsByRef.keySet());
  }

  /** A scalar's text, or the JSON of anything else, for names and messages; null for null. */
  static String text(JsonNode node) {
    if (node == null) {
      return null;
    }
    return node.isValueNode() ? node.asString() : node.toString();
  }

  private ArrayNode bindsArray() {
    JsonNode binds = root.get("binds");
    if (binds instanceof ArrayNode array) {
      return array;
    }
    if (binds != null && !binds.isNull()) {
      // The binder reports the wrong type; gateways still get a list of their own.
      return root.arrayNode();
    }
    return root.putArray("binds");
  }
}
