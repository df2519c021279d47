package io.agw.model.config.read;

import io.agw.model.config.ConfigErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Moves the top-level {@code policies} (agentgateway's {@code LocalPolicy}: {@code name}, {@code
 * target}, {@code phase}, {@code policy}) into the {@code policies} block of what each targets, so
 * that they map exactly as if written there:
 *
 * <ul>
 *   <li>{@code target.gateway}: the listeners named by {@code listenerName} (a gateway reference,
 *       {@code <gateway>} or {@code <gateway>/<listener>}), or every listener of the file without
 *       it; {@code gatewayName} and {@code gatewayNamespace} name this gateway and are not checked;
 *   <li>{@code target.route}: every route with that {@code name} (and {@code namespace}, when the
 *       route sets one);
 *   <li>{@code target.backend.backend}: the top-level backend with that {@code name}.
 * </ul>
 *
 * As agentgateway requires, {@code policy} holds exactly one policy. A policy the target already
 * sets is refused rather than silently replaced. Stateless.
 */
final class TargetedPolicies {

  private static final Set<String> PHASES = Set.of("route", "gateway");

  /** A {@code policies} block to merge into: the node holding it and its rewritten path. */
  private record Block(ObjectNode owner, String path) {}

  private TargetedPolicies() {}

  /**
   * @param listeners resolves a gateway reference to the listeners it names, with their rewritten
   *     paths; null when the reference is unknown
   */
  static void move(
      ObjectNode root,
      ConfigErrors errors,
      PathTranslation paths,
      Function<String, Map<String, ObjectNode>> listeners) {
    JsonNode policies = root.remove("policies");
    if (policies == null || policies.isNull()) {
      return;
    }
    if (!policies.isArray()) {
      errors.add("policies", "expected a list");
      return;
    }
    for (int i = 0; i < policies.size(); i++) {
      String path = "policies[" + i + "]";
      if (!(policies.get(i) instanceof ObjectNode entry)) {
        errors.add(path, "expected a mapping (name, target, policy)");
        continue;
      }
      for (String field : entry.propertyNames()) {
        if (!Set.of("name", "target", "phase", "policy").contains(field)) {
          errors.add(path + "." + field, "unknown field '" + field + "'");
        }
      }
      JsonNode phase = entry.get("phase");
      if (phase != null && !PHASES.contains(LayoutNormalizer.text(phase))) {
        errors.add(
            path + ".phase",
            "must be 'route' or 'gateway', not '" + LayoutNormalizer.text(phase) + "'");
      }
      if (!(entry.get("policy") instanceof ObjectNode policy) || policy.size() != 1) {
        errors.add(path + ".policy", "required; holds exactly one policy");
        continue;
      }
      List<Block> blocks = targets(root, entry.get("target"), path + ".target", errors, listeners);
      String field = policy.propertyNames().iterator().next();
      for (Block block : blocks) {
        JsonNode existing = block.owner().get("policies");
        ObjectNode into =
            existing instanceof ObjectNode object ? object : block.owner().putObject("policies");
        if (into.has(field)) {
          errors.add(
              path + ".policy." + field,
              "the target already sets '" + field + "' in its own policies; set it in one place");
          continue;
        }
        into.set(field, policy.get(field).deepCopy());
        paths.map(block.path() + ".policies." + field, path + ".policy." + field);
      }
    }
  }

  private static List<Block> targets(
      ObjectNode root,
      JsonNode target,
      String path,
      ConfigErrors errors,
      Function<String, Map<String, ObjectNode>> listeners) {
    if (!(target instanceof ObjectNode t) || t.size() != 1) {
      errors.add(path, "required; exactly one of gateway, route or backend");
      return List.of();
    }
    List<Block> blocks = new ArrayList<>();
    if (t.get("gateway") instanceof ObjectNode gateway) {
      JsonNode ref = gateway.get("listenerName");
      Map<String, ObjectNode> found =
          listeners.apply(ref == null ? null : LayoutNormalizer.text(ref));
      if (found == null) {
        errors.add(
            path + ".gateway.listenerName", "unknown gateway '" + LayoutNormalizer.text(ref) + "'");
        return List.of();
      }
      found.forEach((at, listener) -> blocks.add(new Block(listener, at)));
    } else if (t.get("route") instanceof ObjectNode route && route.hasNonNull("name")) {
      String name = LayoutNormalizer.text(route.get("name"));
      JsonNode namespace = route.get("namespace");
      forEachRoute(
          root,
          (at, r) -> {
            boolean sameName =
                r.hasNonNull("name") && LayoutNormalizer.text(r.get("name")).equals(name);
            boolean sameNamespace =
                !r.hasNonNull("namespace")
                    || namespace == null
                    || LayoutNormalizer.text(r.get("namespace"))
                        .equals(LayoutNormalizer.text(namespace));
            if (sameName && sameNamespace) {
              blocks.add(new Block(r, at));
            }
          });
      if (blocks.isEmpty()) {
        errors.add(path + ".route.name", "no route is named '" + name + "'");
      }
    } else if (t.get("backend") instanceof ObjectNode backend
        && backend.get("backend") instanceof ObjectNode named
        && named.hasNonNull("name")) {
      String name = LayoutNormalizer.text(named.get("name"));
      JsonNode backends = root.get("backends");
      for (int b = 0; backends != null && b < backends.size(); b++) {
        if (backends.get(b) instanceof ObjectNode candidate
            && candidate.hasNonNull("name")
            && LayoutNormalizer.text(candidate.get("name")).equals(name)) {
          blocks.add(new Block(candidate, "backends[" + b + "]"));
        }
      }
      if (blocks.isEmpty()) {
        errors.add(path + ".backend.backend.name", "no top-level backend is named '" + name + "'");
      }
    } else {
      errors.add(
          path,
          "supported targets: gateway (listenerName), route (name) and backend (backend.name)");
    }
    return blocks;
  }

  private interface RouteVisitor {
    void visit(String path, ObjectNode route);
  }

  private static void forEachRoute(ObjectNode root, RouteVisitor visitor) {
    if (!(root.get("binds") instanceof ArrayNode binds)) {
      return;
    }
    for (int b = 0; b < binds.size(); b++) {
      JsonNode listeners = binds.get(b).get("listeners");
      for (int l = 0; listeners != null && listeners.isArray() && l < listeners.size(); l++) {
        JsonNode routes = listeners.get(l).get("routes");
        for (int r = 0; routes != null && routes.isArray() && r < routes.size(); r++) {
          if (routes.get(r) instanceof ObjectNode route) {
            visitor.visit("binds[" + b + "].listeners[" + l + "].routes[" + r + "]", route);
          }
        }
      }
    }
  }
}
