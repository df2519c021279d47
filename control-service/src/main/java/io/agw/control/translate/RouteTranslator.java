package io.agw.control.translate;

import io.agw.model.resource.v1.DirectResponse;
import io.agw.model.resource.v1.HeaderMatch;
import io.agw.model.resource.v1.PathMatch;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.QueryMatch;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.Route;
import io.agw.model.resource.v1.RouteBackend;
import io.agw.model.resource.v1.RouteMatch;
import io.agw.model.resource.v1.StringMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTPRoute: attaches it to the listeners of our Gateways it names and may use, adds one Route
 * resource per (rule, listener) and its Backend resources to each Gateway, and returns its parent
 * statuses. Invalid parts are reported in status, never thrown.
 */
final class RouteTranslator {

  private final BackendRefs backendRefs;
  private final PolicyAttachments policies;
  private final Map<String, GatewayBuild> gateways;

  RouteTranslator(
      BackendRefs backendRefs, PolicyAttachments policies, Map<String, GatewayBuild> gateways) {
    this.backendRefs = backendRefs;
    this.policies = policies;
    this.gateways = gateways;
  }

  /** A rule ready to place on listeners, or the reason it cannot be. */
  private record Rule(String name, Route.Builder template, List<Resource> backends) {}

  List<Translation.RouteParentResult> translate(HTTPRoute route, int order) {
    String ns = route.getMetadata().getNamespace();
    String routeName = route.getMetadata().getName();
    List<String> unsupported = new ArrayList<>();
    StatusCondition resolved =
        StatusCondition.ok("ResolvedRefs", "ResolvedRefs", "all references resolved");
    List<Rule> rules = new ArrayList<>();
    List<HTTPRouteRule> specRules = HttpFilters.nonNull(route.getSpec().getRules());
    for (int i = 0; i < specRules.size(); i++) {
      HTTPRouteRule rule = specRules.get(i);
      Route.Builder b = Route.newBuilder().setName(routeName).setNamespace(ns).setOrder(order);
      String ruleName = rule.getName() == null ? Integer.toString(i) : rule.getName();
      if (rule.getName() != null) {
        b.setRuleName(rule.getName());
      }
      List<PolicySpec> specs = new ArrayList<>();
      try {
        for (HTTPRouteMatch m : HttpFilters.nonNull(rule.getMatches())) {
          b.addMatches(match(m));
        }
        for (var f : HttpFilters.nonNull(rule.getFilters())) {
          specs.add(HttpFilters.toPolicy(f));
        }
      } catch (IllegalArgumentException e) {
        unsupported.add("rule " + ruleName + ": " + e.getMessage());
        continue;
      }
      PolicyAttachments.mergeUnder(specs, policies.specs(PolicyAttachments.route(ns, routeName)));
      List<PolicySpec> backendPolicies =
          policies.specs(PolicyAttachments.backendsOf(PolicyAttachments.route(ns, routeName)));
      List<Resource> backends = new ArrayList<>();
      var refs = HttpFilters.nonNull(rule.getBackendRefs());
      for (var ref : refs) {
        BackendRefs.Resolution r = backendRefs.resolve(ns, ref);
        if (!r.resolved()) {
          if (resolved.status()) {
            resolved = StatusCondition.fail("ResolvedRefs", r.reason(), r.message());
          }
          continue;
        }
        int weight = ref.getWeight() == null ? 1 : ref.getWeight();
        if (weight > 0) {
          b.addBackends(
              RouteBackend.newBuilder()
                  .setBackendKey(r.backend().getKey())
                  .setWeight(weight)
                  // Only ai backends read an ai policy; the gateway refuses it on others.
                  .addAllPolicies(r.backend().getBackend().hasAi() ? backendPolicies : List.of()));
          backends.add(r.backend());
        }
      }
      if (!refs.isEmpty() && backends.isEmpty()) {
        // Gateway API: requests to a rule whose backends are all invalid get a 500.
        specs.add(
            PolicySpec.newBuilder()
                .setDirectResponse(DirectResponse.newBuilder().setStatus(500))
                .build());
      }
      b.addAllPolicies(specs);
      rules.add(new Rule(ruleName, b, backends));
    }

    List<Translation.RouteParentResult> out = new ArrayList<>();
    for (ParentReference parent : HttpFilters.nonNull(route.getSpec().getParentRefs())) {
      String kind = parent.getKind() == null ? "Gateway" : parent.getKind();
      String gwNs = parent.getNamespace() == null ? ns : parent.getNamespace();
      GatewayBuild gw = kind.equals("Gateway") ? gateways.get(gwNs + "/" + parent.getName()) : null;
      if (gw == null) {
        continue; // not a parent we program: another controller reports on it
      }
      StatusCondition accepted = attach(route, parent, gw, rules, unsupported);
      out.add(
          new Translation.RouteParentResult(
              gw.nodeId(), parent.getSectionName(), List.of(accepted, resolved)));
    }
    return out;
  }

  private StatusCondition attach(
      HTTPRoute route,
      ParentReference parent,
      GatewayBuild gw,
      List<Rule> rules,
      List<String> unsupported) {
    List<GatewayBuild.ListenerBuild> candidates = new ArrayList<>();
    for (var l : gw.listeners) {
      if (l.servable()
          && (parent.getSectionName() == null || parent.getSectionName().equals(l.spec.getName()))
          && (parent.getPort() == null || parent.getPort().equals(l.spec.getPort()))) {
        candidates.add(l);
      }
    }
    if (candidates.isEmpty()) {
      return StatusCondition.fail(
          "Accepted", "NoMatchingParent", "no listener of " + gw.nodeId() + " matches");
    }
    String ns = route.getMetadata().getNamespace();
    candidates.removeIf(l -> !Hostnames.allowed(l.spec, gw.namespace, ns));
    if (candidates.isEmpty()) {
      return StatusCondition.fail(
          "Accepted",
          "NotAllowedByListeners",
          "the listeners do not allow routes from namespace " + ns);
    }
    List<String> hostnames = HttpFilters.nonNull(route.getSpec().getHostnames());
    candidates.removeIf(l -> Hostnames.intersection(l.spec.getHostname(), hostnames) == null);
    if (candidates.isEmpty()) {
      return StatusCondition.fail(
          "Accepted",
          "NoMatchingListenerHostname",
          "no listener hostname matches the route's hostnames");
    }
    if (!unsupported.isEmpty()) {
      return StatusCondition.fail("Accepted", "UnsupportedValue", String.join("; ", unsupported));
    }
    for (var l : candidates) {
      l.attachedRoutes++;
      for (Rule rule : rules) {
        String key =
            "route/"
                + ns
                + "/"
                + route.getMetadata().getName()
                + "/"
                + rule.name()
                + "/"
                + l.spec.getName();
        Route r =
            rule.template()
                .clone()
                .setKey(key)
                .setListenerKey(l.key)
                .addAllHostnames(Hostnames.intersection(l.spec.getHostname(), hostnames))
                .build();
        rule.backends().forEach(b -> gw.resources.putIfAbsent(b.getKey(), b));
        gw.resources.put(key, Resource.newBuilder().setKey(key).setRoute(r).build());
      }
    }
    return StatusCondition.ok(
        "Accepted", "Accepted", "attached to " + candidates.size() + " listener(s)");
  }

  private static RouteMatch match(HTTPRouteMatch m) {
    RouteMatch.Builder b = RouteMatch.newBuilder();
    if (m.getPath() != null) {
      String value = m.getPath().getValue() == null ? "/" : m.getPath().getValue();
      String type = m.getPath().getType() == null ? "PathPrefix" : m.getPath().getType();
      b.setPath(
          switch (type) {
            case "Exact" -> PathMatch.newBuilder().setExact(value);
            case "PathPrefix" -> PathMatch.newBuilder().setPrefix(value);
            case "RegularExpression" -> PathMatch.newBuilder().setRegex(value);
            default ->
                throw new IllegalArgumentException("path match type " + type + " is not supported");
          });
    }
    if (m.getMethod() != null) {
      b.setMethod(m.getMethod());
    }
    for (var h : HttpFilters.nonNull(m.getHeaders())) {
      b.addHeaders(
          HeaderMatch.newBuilder()
              .setName(h.getName())
              .setValue(string(h.getType(), h.getValue())));
    }
    for (var q : HttpFilters.nonNull(m.getQueryParams())) {
      b.addQuery(
          QueryMatch.newBuilder().setName(q.getName()).setValue(string(q.getType(), q.getValue())));
    }
    return b.build();
  }

  private static StringMatch string(String type, String value) {
    return switch (type == null ? "Exact" : type) {
      case "Exact" -> StringMatch.newBuilder().setExact(value).build();
      case "RegularExpression" -> StringMatch.newBuilder().setRegex(value).build();
      default -> throw new IllegalArgumentException("match type " + type + " is not supported");
    };
  }
}
