package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import io.agw.model.config.yaml.AiBackendYaml;
import io.agw.model.config.yaml.McpBackendYaml;
import io.agw.model.config.yaml.NamedBackendYaml;
import io.agw.model.config.yaml.RouteBackendYaml;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.RouteBackend;
import io.agw.model.resource.v1.StaticBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps top-level backends and the backends of routes. A route backend either defines a backend
 * inline ({@code host}), which becomes its own {@link Backend} resource, or refers to a top-level
 * one by name ({@code backend}). The kinds are listed in one place, {@link #targets}; adding a kind
 * means a field in {@link RouteBackendYaml}, a {@link Target} case and its branch in {@link
 * #routeBackend}.
 */
final class BackendMapper {

  /** What a route backend points at. */
  private sealed interface Target permits Host, Named, Ai, Mcp, Group {}

  private record Host(String address) implements Target {}

  private record Ai(AiBackendYaml backend) implements Target {}

  private record Named(String name) implements Target {}

  private record Mcp(McpBackendYaml backend) implements Target {}

  private record Group(String name) implements Target {}

  private final MappingContext ctx;
  private final PolicyMapper policies;
  private final AiBackendMapper ai;
  private final McpBackendMapper mcp;
  private final Map<String, String> namedKeys = new LinkedHashMap<>();
  private Map<String, String> groupKeys = Map.of();

  BackendMapper(MappingContext ctx, PolicyMapper policies) {
    this.ctx = ctx;
    this.policies = policies;
    this.ai = new AiBackendMapper(ctx, policies);
    this.mcp = new McpBackendMapper(ctx);
  }

  /** The {@code ai} backend mapper, shared with the {@code llm} shorthand. */
  AiBackendMapper ai() {
    return ai;
  }

  /** The {@code mcp} backend mapper, shared with the {@code mcp} shorthand. */
  McpBackendMapper mcp() {
    return mcp;
  }

  /** The keys of the top-level {@code routeGroups} by name, for {@code routeGroup} backends. */
  void routeGroups(Map<String, String> keysByName) {
    this.groupKeys = new LinkedHashMap<>(keysByName);
  }

  /** Maps the top-level {@code backends}, remembering their names for later references. */
  List<Resource> named(List<NamedBackendYaml> yaml) {
    List<Resource> resources = new ArrayList<>();
    Map<String, String> pathByName = new LinkedHashMap<>();
    for (int i = 0; i < list(yaml).size(); i++) {
      String path = "backends[" + i + "]";
      NamedBackendYaml backend = yaml.get(i);
      if (backend == null) {
        ctx.error(path, "must not be empty");
        continue;
      }
      if (!ctx.require(path + ".name", backend.name())) {
        continue;
      }
      String earlier = pathByName.putIfAbsent(backend.name(), path);
      if (earlier != null) {
        ctx.error(
            path + ".name",
            "duplicate backend name '" + backend.name() + "' (also " + earlier + ")");
        continue;
      }
      String key = "backend/" + backend.name();
      namedKeys.put(backend.name(), key);
      int kinds =
          (backend.host() != null ? 1 : 0)
              + (backend.ai() != null ? 1 : 0)
              + (backend.mcp() != null ? 1 : 0);
      if (kinds > 1) {
        ctx.error(path, "set only one of host, ai, mcp");
        continue;
      }
      if (kinds == 0) {
        if (!ctx.hasErrorsAt(path)) {
          ctx.error(
              path,
              "set one of host (an address host:port), ai (LLM providers) or mcp (MCP servers)");
        }
        continue;
      }
      Backend.Builder b =
          Backend.newBuilder()
              .setKey(key)
              .setName(backend.name())
              .addAllPolicies(policies.backend(path + ".policies", backend.policies()));
      if (backend.ai() != null) {
        ai.backend(path + ".ai", backend.ai())
            .ifPresent(a -> resources.add(resource(b.setAi(a).build())));
      } else if (backend.mcp() != null) {
        mcp.backend(path + ".mcp", backend.mcp())
            .ifPresent(m -> resources.add(resource(b.setMcp(m).build())));
      } else {
        staticBackend(path + ".host", backend.host())
            .ifPresent(s -> resources.add(resource(b.setStatic(s).build())));
      }
    }
    return resources;
  }

  /**
   * Maps one backend of a route; an inline backend is added to {@code out} under {@code inlineKey}.
   */
  Optional<RouteBackend> routeBackend(
      String path, RouteBackendYaml yaml, String inlineKey, List<Resource> out) {
    List<Target> targets = targets(yaml);
    if (targets.size() != 1) {
      if (targets.size() > 1) {
        ctx.error(path, "set only one of host, backend, ai, mcp");
      } else if (!ctx.hasErrorsAt(path)) {
        ctx.error(
            path,
            "set one of host (an address host:port), backend (a backend name), ai (LLM"
                + " providers) or mcp (MCP servers)");
      }
      return Optional.empty();
    }
    int weight = yaml.weight() == null ? 1 : yaml.weight();
    if (weight < 0) {
      ctx.error(path + ".weight", "a weight is 0 or more, not " + weight);
    }
    RouteBackend.Builder b =
        RouteBackend.newBuilder()
            .setWeight(Math.max(0, weight))
            .addAllPolicies(policies.backend(path + ".policies", yaml.policies()));
    Target target = targets.get(0);
    if (target instanceof Host host) {
      Optional<StaticBackend> s = staticBackend(path + ".host", host.address());
      if (s.isEmpty()) {
        return Optional.empty();
      }
      out.add(
          resource(
              Backend.newBuilder()
                  .setKey(inlineKey)
                  .setName(host.address())
                  .setStatic(s.get())
                  .build()));
      b.setBackendKey(inlineKey);
    } else if (target instanceof Ai a) {
      Optional<io.agw.model.resource.v1.AiBackend> backend = ai.backend(path + ".ai", a.backend());
      if (backend.isEmpty()) {
        return Optional.empty();
      }
      String name = a.backend().name() != null ? a.backend().name() : "ai";
      out.add(
          resource(
              Backend.newBuilder().setKey(inlineKey).setName(name).setAi(backend.get()).build()));
      b.setBackendKey(inlineKey);
    } else if (target instanceof Mcp m) {
      Optional<io.agw.model.resource.v1.McpBackend> backend =
          mcp.backend(path + ".mcp", m.backend());
      if (backend.isEmpty()) {
        return Optional.empty();
      }
      out.add(
          resource(
              Backend.newBuilder().setKey(inlineKey).setName("mcp").setMcp(backend.get()).build()));
      b.setBackendKey(inlineKey);
    } else if (target instanceof Group group) {
      String key = groupKeys.get(group.name());
      if (key == null) {
        ctx.error(
            path + ".routeGroup",
            groupKeys.isEmpty()
                ? "unknown route group '" + group.name() + "'; the file defines no routeGroups"
                : "unknown route group '"
                    + group.name()
                    + "'; the routeGroups are: "
                    + String.join(", ", groupKeys.keySet()));
        return Optional.empty();
      }
      if (yaml.policies() != null) {
        ctx.error(
            path + ".policies",
            "a routeGroup backend takes no policies: put them on the delegating route or on the"
                + " group's routes");
      }
      b.setRouteGroupKey(key);
    } else if (target instanceof Named named) {
      String key = namedKeys.get(named.name());
      if (key == null) {
        ctx.error(path + ".backend", unknownName(named.name()));
        return Optional.empty();
      }
      b.setBackendKey(key);
    } else {
      throw new IllegalStateException("unhandled backend kind " + target);
    }
    return Optional.of(b.build());
  }

  /** The kinds set on a route backend; more than one is an error. */
  private static List<Target> targets(RouteBackendYaml yaml) {
    List<Target> targets = new ArrayList<>();
    if (yaml.host() != null) {
      targets.add(new Host(yaml.host()));
    }
    if (yaml.backend() != null) {
      targets.add(new Named(yaml.backend()));
    }
    if (yaml.ai() != null) {
      targets.add(new Ai(yaml.ai()));
    }
    if (yaml.mcp() != null) {
      targets.add(new Mcp(yaml.mcp()));
    }
    if (yaml.routeGroup() != null) {
      targets.add(new Group(yaml.routeGroup()));
    }
    return targets;
  }

  private String unknownName(String name) {
    if (namedKeys.isEmpty()) {
      return "unknown backend '" + name + "'; the file defines no top-level backends";
    }
    return "unknown backend '"
        + name
        + "'; the top-level backends are: "
        + String.join(", ", namedKeys.keySet());
  }

  private Optional<StaticBackend> staticBackend(String path, String address) {
    try {
      HostPort hp = HostPort.parse(address);
      return Optional.of(StaticBackend.newBuilder().setHost(hp.host()).setPort(hp.port()).build());
    } catch (IllegalArgumentException e) {
      ctx.error(path, e.getMessage());
      return Optional.empty();
    }
  }

  private static Resource resource(Backend backend) {
    return Resource.newBuilder().setKey(backend.getKey()).setBackend(backend).build();
  }
}
