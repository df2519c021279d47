package io.agw.control.translate;

import io.agw.control.crd.AgentgatewayPolicy;
import io.agw.control.crd.AgentgatewayPolicySpec;
import io.agw.model.resource.v1.HeaderModifier;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.Retry;
import io.agw.model.resource.v1.Timeout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * AgentgatewayPolicies by the target they attach to, with their statuses. Precedence: on one
 * target, the oldest policy (then the first by name) wins each policy kind; a later policy setting
 * the same kind is overridden there, and is reported {@code Conflicted} when all it sets is
 * overridden everywhere. More specific attachments win over less specific ones (HTTPRoute filters
 * over route policies; a listener's section over its whole Gateway) where the results are merged.
 */
final class PolicyAttachments {

  private final Map<String, List<PolicySpec>> byTarget = new HashMap<>();
  private final Map<String, List<StatusCondition>> statuses = new LinkedHashMap<>();
  private final ApiKeySources apiKeys;

  /**
   * @param exists whether a target key ({@link #gateway}, {@link #listener} or {@link #route})
   *     names something we program
   * @param serviceExists whether the Service {@code (namespace, name)} exists, for the webhook
   *     {@code backendRef}s of prompt guards
   * @param apiKeys the Secrets and ConfigMaps that {@code traffic.apiKeyAuthentication} reads
   */
  PolicyAttachments(
      List<AgentgatewayPolicy> policies,
      Predicate<String> exists,
      BiPredicate<String, String> serviceExists,
      ApiKeySources apiKeys) {
    this.apiKeys = apiKeys;
    List<AgentgatewayPolicy> ordered = new ArrayList<>(policies);
    ordered.sort(
        Comparator.comparing(
                (AgentgatewayPolicy p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
            .thenComparing(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()));
    for (AgentgatewayPolicy policy : ordered) {
      statuses.put(
          policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName(),
          List.of(attach(policy, exists, serviceExists)));
    }
  }

  static String gateway(String namespace, String name) {
    return "Gateway/" + namespace + "/" + name;
  }

  static String listener(String namespace, String name, String section) {
    return gateway(namespace, name) + "/" + section;
  }

  static String route(String namespace, String name) {
    return "HTTPRoute/" + namespace + "/" + name;
  }

  /**
   * The key of the policies ({@code spec.backend}) for every backend reference of a route target:
   * more specific than the backend's own policies, as agentgateway ranks a route's backend policies
   * over a backend's.
   */
  static String backendsOf(String routeTarget) {
    return routeTarget + "/backends";
  }

  List<PolicySpec> specs(String target) {
    return byTarget.getOrDefault(target, List.of());
  }

  Map<String, List<StatusCondition>> statuses() {
    return statuses;
  }

  /** Adds the specs whose kind is not already in {@code into}: {@code into} takes precedence. */
  static void mergeUnder(List<PolicySpec> into, List<PolicySpec> weaker) {
    Set<PolicySpec.KindCase> present = new java.util.HashSet<>();
    into.forEach(s -> present.add(s.getKindCase()));
    for (PolicySpec s : weaker) {
      if (present.add(s.getKindCase())) {
        into.add(s);
      }
    }
  }

  private StatusCondition attach(
      AgentgatewayPolicy policy,
      Predicate<String> exists,
      BiPredicate<String, String> serviceExists) {
    List<PolicySpec> specs;
    List<PolicySpec> backendSpecs;
    // Problems in the data of API key sources: the policy still attaches, with the usable keys.
    List<String> keyProblems = new ArrayList<>();
    try {
      specs = specs(policy.getSpec());
      specs.addAll(apiKeySpecs(policy, keyProblems));
      backendSpecs =
          backendSpecs(policy.getSpec(), policy.getMetadata().getNamespace(), serviceExists);
    } catch (IllegalArgumentException e) {
      // Nothing of an invalid policy is attached.
      return StatusCondition.fail("Accepted", "Invalid", e.getMessage());
    }
    if (specs.isEmpty() && backendSpecs.isEmpty()) {
      return StatusCondition.fail("Accepted", "Invalid", "the policy sets nothing");
    }
    if (!backendSpecs.isEmpty()
        && HttpFilters.nonNull(policy.getSpec().getTargetRefs()).stream()
            .anyMatch(ref -> !"HTTPRoute".equals(ref.getKind()))) {
      return StatusCondition.fail(
          "Accepted", "Invalid", "spec.backend may target HTTPRoutes only (so far)");
    }
    String namespace = policy.getMetadata().getNamespace();
    List<String> missing = new ArrayList<>();
    List<String> overridden = new ArrayList<>();
    int applied = 0;
    for (var ref : HttpFilters.nonNull(policy.getSpec().getTargetRefs())) {
      String target =
          switch (String.valueOf(ref.getKind())) {
            case "Gateway" ->
                ref.getSectionName() == null
                    ? gateway(namespace, ref.getName())
                    : listener(namespace, ref.getName(), ref.getSectionName());
            case "HTTPRoute" -> route(namespace, ref.getName());
            default -> null;
          };
      if (target == null || !exists.test(target)) {
        missing.add(ref.getKind() + " " + ref.getName());
        continue;
      }
      applied += attach(target, specs, ref.getName(), overridden);
      applied += attach(backendsOf(target), backendSpecs, ref.getName(), overridden);
    }
    if (!missing.isEmpty()) {
      return StatusCondition.fail(
          "Accepted", "TargetNotFound", "no such target: " + String.join(", ", missing));
    }
    if (applied == 0) {
      return StatusCondition.fail(
          "Accepted", "Conflicted", "older policies already set " + String.join(", ", overridden));
    }
    if (!keyProblems.isEmpty()) {
      return StatusCondition.fail(
          "Accepted",
          "Invalid",
          "spec.traffic.apiKeyAuthentication: "
              + String.join("; ", keyProblems)
              + " (attached with the "
              + usableKeys(specs)
              + " usable key(s))");
    }
    return StatusCondition.ok(
        "Accepted",
        "Accepted",
        overridden.isEmpty()
            ? "attached"
            : "attached; older policies win " + String.join(", ", overridden));
  }

  /** Attaches what {@code target} has no older policy for; returns how many were attached. */
  private int attach(
      String target, List<PolicySpec> specs, String targetName, List<String> overridden) {
    int applied = 0;
    List<PolicySpec> there = byTarget.computeIfAbsent(target, t -> new ArrayList<>());
    for (PolicySpec spec : specs) {
      if (there.stream().anyMatch(s -> s.getKindCase() == spec.getKindCase())) {
        overridden.add(spec.getKindCase().name().toLowerCase() + " on " + targetName);
      } else {
        there.add(spec);
        applied++;
      }
    }
    return applied;
  }

  private static int usableKeys(List<PolicySpec> specs) {
    return specs.stream()
        .filter(PolicySpec::hasApiKey)
        .mapToInt(s -> s.getApiKey().getKeysCount())
        .sum();
  }

  /** The {@code api_key} policy of {@code traffic.apiKeyAuthentication}, if set. */
  private List<PolicySpec> apiKeySpecs(AgentgatewayPolicy policy, List<String> problems) {
    var traffic = policy.getSpec() == null ? null : policy.getSpec().getTraffic();
    if (traffic == null || traffic.getApiKeyAuthentication() == null) {
      return List.of();
    }
    ApiKeySources.Result result =
        apiKeys.resolve(
            "spec.traffic.apiKeyAuthentication",
            policy.getMetadata().getNamespace(),
            traffic.getApiKeyAuthentication());
    problems.addAll(result.problems());
    return List.of(PolicySpec.newBuilder().setApiKey(result.auth()).build());
  }

  /** The backend policies of one spec ({@code spec.backend}), in a fixed order. */
  static List<PolicySpec> backendSpecs(
      AgentgatewayPolicySpec spec, String namespace, BiPredicate<String, String> serviceExists) {
    var ai = spec == null || spec.getBackend() == null ? null : spec.getBackend().getAi();
    if (ai == null || ai.getPromptGuard() == null) {
      return List.of();
    }
    return List.of(
        BackendAiPolicies.promptGuard("spec.backend.ai.promptGuard", ai, namespace, serviceExists));
  }

  /** The policy kinds of one spec, in a fixed order. */
  static List<PolicySpec> specs(AgentgatewayPolicySpec spec) {
    List<PolicySpec> out = new ArrayList<>();
    if (spec == null) {
      return out;
    }
    if (spec.getTimeouts() != null) {
      Timeout.Builder t = Timeout.newBuilder();
      if (spec.getTimeouts().getRequest() != null) {
        t.setRequestTimeout(Durations.parse(spec.getTimeouts().getRequest()));
      }
      if (spec.getTimeouts().getBackendRequest() != null) {
        t.setBackendRequestTimeout(Durations.parse(spec.getTimeouts().getBackendRequest()));
      }
      out.add(PolicySpec.newBuilder().setTimeout(t).build());
    }
    if (spec.getRetry() != null) {
      Retry.Builder r =
          Retry.newBuilder().addAllCodes(HttpFilters.nonNull(spec.getRetry().getCodes()));
      if (spec.getRetry().getAttempts() != null) {
        r.setAttempts(spec.getRetry().getAttempts());
      }
      if (spec.getRetry().getBackoff() != null) {
        r.setBackoff(Durations.parse(spec.getRetry().getBackoff()));
      }
      out.add(PolicySpec.newBuilder().setRetry(r).build());
    }
    if (spec.getRequestHeaderModifier() != null) {
      out.add(
          PolicySpec.newBuilder()
              .setRequestHeaderModifier(headers(spec.getRequestHeaderModifier()))
              .build());
    }
    if (spec.getResponseHeaderModifier() != null) {
      out.add(
          PolicySpec.newBuilder()
              .setResponseHeaderModifier(headers(spec.getResponseHeaderModifier()))
              .build());
    }
    return out;
  }

  private static HeaderModifier headers(AgentgatewayPolicySpec.HeaderModifier m) {
    HeaderModifier.Builder b = HeaderModifier.newBuilder();
    if (m.getAdd() != null) {
      b.putAllAdd(m.getAdd());
    }
    if (m.getSet() != null) {
      b.putAllSet(m.getSet());
    }
    return b.addAllRemove(HttpFilters.nonNull(m.getRemove())).build();
  }
}
