package io.agw.control.translate;

import io.agw.control.crd.AgentgatewayBackend;
import io.agw.control.crd.AgentgatewayBackendSpec;
import io.agw.model.resource.v1.A2aPolicy;
import io.agw.model.resource.v1.AiBackend;
import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.AiProviderGroup;
import io.agw.model.resource.v1.AnthropicProvider;
import io.agw.model.resource.v1.AzureOpenAiProvider;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.BackendAuth;
import io.agw.model.resource.v1.McpBackend;
import io.agw.model.resource.v1.McpHttpTarget;
import io.agw.model.resource.v1.McpTarget;
import io.agw.model.resource.v1.OpenAiProvider;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.SecretSource;
import io.agw.model.resource.v1.StaticBackend;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * Every {@code AgentgatewayBackend} of the view as a Backend resource, or the reason it cannot be
 * one, with the conditions of its status ({@code Accepted}, {@code ResolvedRefs}). An AI backend's
 * API key is read from its Secret and put inline in the resource ({@code SecretSource.inline});
 * only the resource carries it, never a message. Pure.
 */
final class AgentgatewayBackends {

  /** The default key of an API key in its Secret. */
  static final String DEFAULT_API_KEY = "apiKey";

  /** One backend: its resource when usable, else the reason (for routes) and its conditions. */
  record Result(Resource resource, String reason, String message, List<StatusCondition> status) {
    boolean usable() {
      return resource != null;
    }

    /** Names the resource's key only: the resource may hold a secret. */
    @Override
    public String toString() {
      return resource != null ? "Result[" + resource.getKey() + "]" : "Result[" + reason + "]";
    }
  }

  private final Map<String, Result> results = new LinkedHashMap<>();

  /**
   * @param serviceExists whether the Service {@code (namespace, name)} exists, for the webhook
   *     {@code backendRef}s of prompt guards
   */
  AgentgatewayBackends(
      List<AgentgatewayBackend> backends,
      SecretRefs secrets,
      BiPredicate<String, String> serviceExists) {
    for (AgentgatewayBackend b : backends) {
      String ns = b.getMetadata().getNamespace();
      String name = b.getMetadata().getName();
      results.put(ns + "/" + name, resolve(ns, name, b.getSpec(), secrets, serviceExists));
    }
  }

  /** The backend {@code namespace/name}, or null when there is none. */
  Result get(String namespace, String name) {
    return results.get(namespace + "/" + name);
  }

  /** The status conditions of every backend, by {@code namespace/name}. */
  Map<String, List<StatusCondition>> statuses() {
    Map<String, List<StatusCondition>> out = new LinkedHashMap<>();
    results.forEach((k, r) -> out.put(k, r.status()));
    return out;
  }

  static String key(String namespace, String name) {
    return "backend/" + namespace + "/agw/" + name;
  }

  private static Result resolve(
      String ns,
      String name,
      AgentgatewayBackendSpec spec,
      SecretRefs secrets,
      BiPredicate<String, String> serviceExists) {
    long kinds =
        spec == null
            ? 0
            : Stream.of(spec.getStaticTarget(), spec.getAi(), spec.getA2a(), spec.getMcp())
                .filter(o -> o != null)
                .count();
    if (kinds != 1) {
      return invalid("Invalid", "set exactly one of static, ai, a2a, mcp");
    }
    Backend.Builder b = Backend.newBuilder().setKey(key(ns, name)).setName(name);
    var ai = spec.getPolicies() == null ? null : spec.getPolicies().getAi();
    if (ai != null && ai.getPromptGuard() != null) {
      if (spec.getAi() == null) {
        return invalid("Invalid", "spec.policies.ai needs an ai backend");
      }
      try {
        b.addPolicies(
            BackendAiPolicies.promptGuard("spec.policies.ai.promptGuard", ai, ns, serviceExists));
      } catch (IllegalArgumentException e) {
        return invalid("Invalid", e.getMessage());
      }
    }
    if (spec.getMcp() != null) {
      String problem = mcp(spec.getMcp(), b);
      return problem == null ? ok(b) : invalid("Invalid", problem);
    }
    if (spec.getStaticTarget() != null || spec.getA2a() != null) {
      var target = spec.getStaticTarget() != null ? spec.getStaticTarget() : spec.getA2a();
      if (target.getHost() == null || target.getPort() == null) {
        return invalid("Invalid", "a host and a port are required");
      }
      b.setStatic(StaticBackend.newBuilder().setHost(target.getHost()).setPort(target.getPort()));
      if (spec.getA2a() != null) {
        b.addPolicies(PolicySpec.newBuilder().setA2A(A2aPolicy.getDefaultInstance()));
      }
      return ok(b);
    }
    AiProvider.Builder p = AiProvider.newBuilder().setName(name);
    String problem = provider(spec.getAi(), p);
    if (problem != null) {
      return invalid("Invalid", problem);
    }
    var apiKey = spec.getAi().getApiKey();
    if (apiKey != null) {
      var ref = apiKey.getSecretRef();
      if (ref == null || ref.getName() == null) {
        return invalid("Invalid", "apiKey needs a secretRef with a name");
      }
      String secretNs = ref.getNamespace() == null ? ns : ref.getNamespace();
      String secretKey = ref.getKey() == null ? DEFAULT_API_KEY : ref.getKey();
      var from = new ReferenceGrants.Ref(AgentgatewayBackend.GROUP, "AgentgatewayBackend", ns);
      SecretRefs.Lookup lookup = secrets.lookup(from, secretNs, ref.getName(), "SecretNotFound");
      if (lookup instanceof SecretRefs.Problem missing) {
        return unresolved(missing.reason(), missing.message());
      }
      String value = ((SecretRefs.Found) lookup).values().get(secretKey);
      if (value == null || value.isBlank()) {
        return unresolved(
            "InvalidSecret",
            "Secret " + secretNs + "/" + ref.getName() + " has no value for " + secretKey);
      }
      p.addPolicies(
          PolicySpec.newBuilder()
              .setBackendAuth(
                  BackendAuth.newBuilder()
                      .setKey(SecretSource.newBuilder().setInline(value.strip()))));
    }
    b.setAi(AiBackend.newBuilder().addGroups(AiProviderGroup.newBuilder().addProviders(p)));
    return ok(b);
  }

  /**
   * The gateway's MCP backend: one target per MCP server, over Streamable HTTP (the default) or the
   * legacy SSE transport, and the backend's modes in agentgateway's CRD spelling; returns a
   * problem, or null.
   */
  private static String mcp(AgentgatewayBackendSpec.Mcp mcp, Backend.Builder b) {
    if (mcp.getTargets().isEmpty()) {
      return "mcp needs at least one target";
    }
    McpBackend.Builder backend = McpBackend.newBuilder();
    Set<String> names = new HashSet<>();
    for (AgentgatewayBackendSpec.McpTarget t : mcp.getTargets()) {
      if (t.getName() == null || !names.add(t.getName())) {
        return "every mcp target needs a unique name";
      }
      if (t.getHost() == null || t.getPort() == null) {
        return "mcp target " + t.getName() + ": a host and a port are required";
      }
      String protocol = t.getProtocol() == null ? "StreamableHTTP" : t.getProtocol();
      McpHttpTarget.Builder http =
          McpHttpTarget.newBuilder().setHost(t.getHost()).setPort(t.getPort());
      McpTarget.Builder target = McpTarget.newBuilder().setName(t.getName());
      switch (protocol) {
        case "StreamableHTTP" -> target.setMcp(http.setPath(orDefault(t.getPath(), "/mcp")));
        case "SSE" -> target.setSse(http.setPath(orDefault(t.getPath(), "/sse")));
        default -> {
          return "mcp target " + t.getName() + ": protocol is StreamableHTTP or SSE";
        }
      }
      backend.addTargets(target);
    }
    String session = mcp.getSessionRouting();
    if (session != null) {
      switch (session) {
        case "Stateful" -> backend.setStatefulMode(McpBackend.StatefulMode.STATEFUL);
        case "Stateless" -> backend.setStatefulMode(McpBackend.StatefulMode.STATELESS);
        default -> {
          return "mcp sessionRouting is Stateful or Stateless";
        }
      }
    }
    String prefix = mcp.getPrefixMode();
    if (prefix != null) {
      switch (prefix) {
        case "Conditional" -> backend.setPrefixMode(McpBackend.PrefixMode.CONDITIONAL);
        case "Always" -> backend.setPrefixMode(McpBackend.PrefixMode.ALWAYS);
        case "Never" -> backend.setPrefixMode(McpBackend.PrefixMode.NEVER);
        default -> {
          return "mcp prefixMode is Conditional, Always or Never";
        }
      }
    }
    String failure = mcp.getFailureMode();
    if (failure != null) {
      switch (failure) {
        case "FailClosed" -> backend.setFailureMode(McpBackend.FailureMode.FAIL_CLOSED);
        case "FailOpen" -> backend.setFailureMode(McpBackend.FailureMode.FAIL_OPEN);
        default -> {
          return "mcp failureMode is FailClosed or FailOpen";
        }
      }
    }
    backend.setDnsRebindingProtection(Boolean.TRUE.equals(mcp.getDnsRebindingProtection()));
    b.setMcp(backend);
    return null;
  }

  private static String orDefault(String value, String otherwise) {
    return value == null || value.isEmpty() ? otherwise : value;
  }

  /** Fills the provider's kind and addressing; returns a problem, or null. */
  private static String provider(AgentgatewayBackendSpec.Ai ai, AiProvider.Builder p) {
    long providers =
        Stream.of(ai.getOpenai(), ai.getAnthropic(), ai.getAzure()).filter(o -> o != null).count();
    if (providers != 1) {
      return "ai needs exactly one provider: openai, anthropic or azure";
    }
    if (ai.getOpenai() != null) {
      p.setOpenAi(OpenAiProvider.newBuilder().setModel(orEmpty(ai.getOpenai().getModel())));
    } else if (ai.getAnthropic() != null) {
      p.setAnthropic(
          AnthropicProvider.newBuilder().setModel(orEmpty(ai.getAnthropic().getModel())));
    } else {
      var azure = ai.getAzure();
      if (azure.getResourceName() == null) {
        return "azure needs a resourceName";
      }
      AzureOpenAiProvider.ResourceType type =
          switch (azure.getResourceType() == null ? "openAI" : azure.getResourceType()) {
            case "openAI" -> AzureOpenAiProvider.ResourceType.OPEN_AI;
            case "foundry" -> AzureOpenAiProvider.ResourceType.FOUNDRY;
            case "aiServices" -> AzureOpenAiProvider.ResourceType.AI_SERVICES;
            default -> null;
          };
      if (type == null) {
        return "azure resourceType must be openAI, foundry or aiServices";
      }
      p.setAzure(
          AzureOpenAiProvider.newBuilder()
              .setModel(orEmpty(azure.getModel()))
              .setResourceName(azure.getResourceName())
              .setResourceType(type)
              .setApiVersion(orEmpty(azure.getApiVersion()))
              .setProjectName(orEmpty(azure.getProjectName())));
    }
    p.setHostOverride(orEmpty(ai.getHostOverride())).setPathPrefix(orEmpty(ai.getPathPrefix()));
    return null;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static Result ok(Backend.Builder b) {
    Resource r = Resource.newBuilder().setKey(b.getKey()).setBackend(b).build();
    return new Result(
        r,
        null,
        null,
        List.of(
            StatusCondition.ok("Accepted", "Accepted", "backend accepted"),
            StatusCondition.ok("ResolvedRefs", "ResolvedRefs", "all references resolved")));
  }

  private static Result invalid(String reason, String message) {
    return new Result(
        null,
        reason,
        message,
        List.of(
            StatusCondition.fail("Accepted", reason, message),
            StatusCondition.ok("ResolvedRefs", "ResolvedRefs", "all references resolved")));
  }

  private static Result unresolved(String reason, String message) {
    return new Result(
        null,
        reason,
        message,
        List.of(
            StatusCondition.ok("Accepted", "Accepted", "backend accepted"),
            StatusCondition.fail("ResolvedRefs", reason, message)));
  }
}
