package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import io.agw.model.config.yaml.RouteBackendYaml;
import io.agw.model.config.yaml.RouteGroupYaml;
import io.agw.model.config.yaml.RouteYaml;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.RouteGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the top-level {@code routeGroups} (route delegation): each group becomes a {@link
 * RouteGroup} resource listing its routes, which are Route resources without a listener (keys
 * {@code routegroup/<name>} and {@code route/group/<name>/<route name or index>}). Refuses
 * duplicate names and delegation cycles (a group whose routes lead back to it), each at the path of
 * the reference that closes the cycle. One instance serves one load.
 */
final class RouteGroupMapper {

  private final MappingContext ctx;
  private final RouteMapper routes;

  RouteGroupMapper(MappingContext ctx, RouteMapper routes) {
    this.ctx = ctx;
    this.routes = routes;
  }

  /** The key of each well-named group by name, for the {@code routeGroup} backends. */
  Map<String, String> keys(List<RouteGroupYaml> groups) {
    Map<String, String> keys = new LinkedHashMap<>();
    Map<String, String> pathByName = new HashMap<>();
    for (int i = 0; i < list(groups).size(); i++) {
      String path = "routeGroups[" + i + "]";
      RouteGroupYaml group = groups.get(i);
      if (group == null) {
        ctx.error(path, "must not be empty");
        continue;
      }
      if (!ctx.require(path + ".name", group.name())) {
        continue;
      }
      String earlier = pathByName.putIfAbsent(group.name(), path);
      if (earlier != null) {
        ctx.error(
            path + ".name",
            "duplicate route group name '" + group.name() + "' (also " + earlier + ")");
        continue;
      }
      keys.put(group.name(), "routegroup/" + group.name());
    }
    return keys;
  }

  /** The groups' routes (with their inline backends) and the RouteGroup resources. */
  List<Resource> map(List<RouteGroupYaml> groups) {
    List<Resource> out = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < list(groups).size(); i++) {
      String path = "routeGroups[" + i + "]";
      RouteGroupYaml group = groups.get(i);
      if (group == null
          || group.name() == null
          || seen.putIfAbsent(group.name(), path) != null
          || !ctx.require(path + ".routes", group.routes())) {
        continue;
      }
      String key = "routegroup/" + group.name();
      RouteGroup.Builder b = RouteGroup.newBuilder().setKey(key).setName(group.name());
      Map<String, String> pathByRoute = new HashMap<>();
      for (int r = 0; r < group.routes().size(); r++) {
        String routePath = path + ".routes[" + r + "]";
        RouteYaml route = group.routes().get(r);
        if (route == null) {
          ctx.error(routePath, "must not be empty");
          continue;
        }
        String segment = route.name() == null ? String.valueOf(r) : route.name();
        String earlier = pathByRoute.putIfAbsent(segment, routePath);
        if (earlier != null) {
          ctx.error(
              route.name() == null ? routePath : routePath + ".name",
              "duplicate route name '" + segment + "' (also " + earlier + ")");
          continue;
        }
        Resource mapped =
            routes.route(routePath, route, "group/" + group.name() + "/" + segment, "", out);
        out.add(mapped);
        b.addRouteKeys(mapped.getKey());
      }
      out.add(Resource.newBuilder().setKey(key).setRouteGroup(b).build());
    }
    refuseCycles(groups);
    return out;
  }

  /**
   * Follows every group's delegations depth first; a reference to a group already on the path is a
   * cycle, which agentgateway only finds at request time (500): here it refuses the file.
   */
  private void refuseCycles(List<RouteGroupYaml> groups) {
    Map<String, RouteGroupYaml> byName = new LinkedHashMap<>();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < list(groups).size(); i++) {
      RouteGroupYaml g = groups.get(i);
      if (g != null && g.name() != null && byName.putIfAbsent(g.name(), g) == null) {
        index.put(g.name(), i);
      }
    }
    Map<String, Boolean> done = new HashMap<>();
    for (String name : byName.keySet()) {
      visit(name, new ArrayList<>(), byName, index, done);
    }
  }

  private void visit(
      String name,
      List<String> stack,
      Map<String, RouteGroupYaml> byName,
      Map<String, Integer> index,
      Map<String, Boolean> done) {
    if (done.containsKey(name)) {
      return;
    }
    stack.add(name);
    RouteGroupYaml group = byName.get(name);
    for (int r = 0; r < list(group.routes()).size(); r++) {
      RouteYaml route = group.routes().get(r);
      List<RouteBackendYaml> backends = route == null ? List.of() : list(route.backends());
      for (int b = 0; b < backends.size(); b++) {
        String target = backends.get(b) == null ? null : backends.get(b).routeGroup();
        if (target == null || !byName.containsKey(target)) {
          continue;
        }
        String path =
            "routeGroups[" + index.get(name) + "].routes[" + r + "].backends[" + b + "].routeGroup";
        int at = stack.indexOf(target);
        if (at >= 0) {
          List<String> cycle = new ArrayList<>(stack.subList(at, stack.size()));
          cycle.add(target);
          ctx.error(path, "route delegation cycle: " + String.join(" -> ", cycle));
        } else {
          visit(target, stack, byName, index, done);
        }
      }
    }
    stack.remove(stack.size() - 1);
    done.put(name, true);
  }
}
