package io.agw.model.config.mapping;

import io.agw.model.config.ConfigErrors;
import io.agw.model.config.yaml.RoutePoliciesYaml;
import io.agw.model.config.yaml.UiPoliciesYaml;
import io.agw.model.config.yaml.UiYaml;
import io.agw.model.resource.v1.AdminBackend;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.PathMatch;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.Route;
import io.agw.model.resource.v1.RouteBackend;
import io.agw.model.resource.v1.RouteMatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the top-level {@code ui} block: on every listener it names, a route {@code
 * route/<port>/<listener>/_ui} (name {@code ui}) matching the path prefixes {@code /ui} and {@code
 * /api/v1}, with {@code ui.policies} as its policies, to the backend {@code backend/_ui} of kind
 * {@code admin} (the gateway's own admin port). {@code gateways} omitted means the gateway named
 * {@code default}, as in agentgateway; without one it is an error. With {@code oidc}, the route
 * also matches the path of its {@code redirectURI} exactly when it is outside those prefixes, so
 * that the provider's callback reaches the policy.
 */
final class UiMapper {

  static final String BACKEND_KEY = "backend/_ui";
  static final String ROUTE_SEGMENT = "_ui";
  static final List<String> PATH_PREFIXES = List.of("/ui", "/api/v1");

  private final MappingContext ctx;
  private final PolicyMapper policies;
  private final ConfigErrors errors;

  UiMapper(MappingContext ctx, PolicyMapper policies, ConfigErrors errors) {
    this.ctx = ctx;
    this.policies = policies;
    this.errors = errors;
  }

  List<Resource> map(UiYaml ui, GatewayRefs gateways) {
    List<String> refs = ui.gateways() == null ? List.of() : ui.gateways();
    if (refs.isEmpty()) {
      if (!gateways.has(GatewayRefs.DEFAULT_GATEWAY)) {
        ctx.error(
            "ui.gateways",
            "must be set: there is no gateway named '"
                + GatewayRefs.DEFAULT_GATEWAY
                + "' to attach the UI to (config.gateway names the gateway of the binds)");
        return List.of();
      }
      refs = List.of(GatewayRefs.DEFAULT_GATEWAY);
    }
    List<String> listenerKeys = gateways.resolveHttp("ui.gateways", refs, errors);
    List<PolicySpec> specs = policies(ui.policies());
    String callback = extraCallbackPath(ui.policies());
    if (listenerKeys.isEmpty()) {
      return List.of();
    }
    List<Resource> out = new ArrayList<>();
    out.add(
        Resource.newBuilder()
            .setKey(BACKEND_KEY)
            .setBackend(
                Backend.newBuilder()
                    .setKey(BACKEND_KEY)
                    .setName("ui")
                    .setAdmin(AdminBackend.getDefaultInstance()))
            .build());
    for (String listenerKey : listenerKeys) {
      String routeKey =
          "route/" + listenerKey.substring("listener/".length()) + "/" + ROUTE_SEGMENT;
      Route.Builder route =
          Route.newBuilder()
              .setKey(routeKey)
              .setName("ui")
              .setNamespace("internal")
              .setListenerKey(listenerKey)
              .addAllPolicies(specs)
              .addBackends(RouteBackend.newBuilder().setBackendKey(BACKEND_KEY).setWeight(1))
              // After every route of the file: a route of the file with the same path wins.
              .setOrder(Integer.MAX_VALUE);
      for (String prefix : PATH_PREFIXES) {
        route.addMatches(RouteMatch.newBuilder().setPath(PathMatch.newBuilder().setPrefix(prefix)));
      }
      if (callback != null) {
        route.addMatches(
            RouteMatch.newBuilder().setPath(PathMatch.newBuilder().setExact(callback)));
      }
      out.add(Resource.newBuilder().setKey(routeKey).setRoute(route).build());
    }
    return out;
  }

  private List<PolicySpec> policies(UiPoliciesYaml yaml) {
    if (yaml == null) {
      return List.of();
    }
    String path = "ui.policies";
    // The same mapping as a route's policies block, so each policy means what it means there.
    RoutePoliciesYaml values =
        new RoutePolicyValues()
            .with("cors", yaml.cors())
            .with("oidc", yaml.oidc())
            .with("jwtAuth", yaml.jwtAuth())
            .with("basicAuth", yaml.basicAuth())
            .with("apiKey", yaml.apiKey())
            .with("extAuthz", yaml.extAuthz())
            .with("authorization", yaml.authorization())
            .with("csrf", yaml.csrf())
            .build();
    return policies.route(path, values);
  }

  /**
   * The path of {@code ui.policies.oidc.redirectURI} when it is outside the UI's prefixes: the UI
   * route also matches it exactly, so the provider's callback reaches the policy (agentgateway's
   * example puts it at {@code /oauth/callback}).
   */
  private static String extraCallbackPath(UiPoliciesYaml yaml) {
    if (yaml == null || yaml.oidc() == null || yaml.oidc().redirectUri() == null) {
      return null;
    }
    String callback;
    try {
      callback = java.net.URI.create(yaml.oidc().redirectUri()).getRawPath();
    } catch (IllegalArgumentException e) {
      return null; // The oidc mapping reports it.
    }
    if (callback == null
        || callback.isEmpty()
        || PATH_PREFIXES.stream()
            .anyMatch(p -> callback.equals(p) || callback.startsWith(p + "/"))) {
      return null;
    }
    return callback;
  }
}
