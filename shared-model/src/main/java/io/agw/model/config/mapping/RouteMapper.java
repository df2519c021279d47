package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import io.agw.model.config.yaml.RouteYaml;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps routes and their inline backends. Routes are numbered in file order across the whole file
 * ({@code Route.order}), so one instance serves one load.
 */
final class RouteMapper {

  private final MappingContext ctx;
  private final MatchMapper matches;
  private final PolicyMapper policies;
  private final BackendMapper backends;
  private int order;

  RouteMapper(MappingContext ctx, PolicyMapper policies, BackendMapper backends) {
    this.ctx = ctx;
    this.matches = new MatchMapper(ctx);
    this.policies = policies;
    this.backends = backends;
  }

  /**
   * Maps one route; its inline backends are added to {@code out} before the route itself.
   *
   * @param keySuffix the route's key without the {@code route/} prefix, unique in the file
   */
  Resource route(
      String path, RouteYaml yaml, String keySuffix, String listenerKey, List<Resource> out) {
    String key = "route/" + keySuffix;
    Route.Builder b = Route.newBuilder().setKey(key).setListenerKey(listenerKey).setOrder(order++);
    if (yaml.name() != null) {
      b.setName(yaml.name());
    }
    if (yaml.namespace() != null) {
      b.setNamespace(yaml.namespace());
    }
    if (yaml.ruleName() != null) {
      b.setRuleName(yaml.ruleName());
    }
    for (int i = 0; i < list(yaml.hostnames()).size(); i++) {
      String hostname = yaml.hostnames().get(i);
      if (hostname == null) {
        ctx.error(path + ".hostnames[" + i + "]", "must not be empty");
      } else {
        ctx.checkHostname(path + ".hostnames[" + i + "]", hostname);
        b.addHostnames(hostname);
      }
    }
    b.addAllMatches(matches.matches(path + ".matches", yaml.matches()));
    b.addAllPolicies(policies.route(path + ".policies", yaml.policies()));
    List<Resource> inline = new ArrayList<>();
    for (int i = 0; i < list(yaml.backends()).size(); i++) {
      String backendPath = path + ".backends[" + i + "]";
      if (yaml.backends().get(i) == null) {
        ctx.error(backendPath, "must not be empty");
        continue;
      }
      backends
          .routeBackend(
              backendPath, yaml.backends().get(i), "backend/" + keySuffix + "/" + i, inline)
          .ifPresent(b::addBackends);
    }
    out.addAll(inline);
    if (b.getBackendsCount() > 1
        && b.getBackendsList().stream().anyMatch(rb -> !rb.getRouteGroupKey().isEmpty())) {
      ctx.error(
          path + ".backends",
          "a route that delegates to a routeGroup has no other backend (the group's routes choose"
              + " their own backends)");
    }
    Route route = b.build();
    return Resource.newBuilder().setKey(key).setRoute(route).build();
  }
}
