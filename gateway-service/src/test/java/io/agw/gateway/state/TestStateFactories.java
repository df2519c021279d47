package io.agw.gateway.state;

import io.agw.gateway.a2a.A2aFilters;
import io.agw.gateway.a2a.A2aPolicyKind;
import io.agw.gateway.a2a.A2aTelemetry;
import io.agw.gateway.backend.BackendClients;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.http.ExtensionFilters;
import io.agw.gateway.http.HttpPolicyKinds;
import io.agw.gateway.llm.route.LlmRoutes;
import io.agw.gateway.llmroute.LlmPolicyKinds;
import io.agw.gateway.mcp.McpBackendKind;
import io.agw.gateway.mcp.McpRoutes;
import io.agw.gateway.policy.BackendKind;
import io.agw.gateway.policy.BackendKinds;
import io.agw.gateway.policy.PolicyFilters;
import io.agw.gateway.policy.PolicyKind;
import io.agw.gateway.security.JwkSources;
import io.agw.gateway.security.SecurityPolicyKinds;
import io.agw.gateway.tokenexchange.TokenExchangeBackendAuth;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import reactor.netty.http.client.HttpClient;

/**
 * State factories built by hand with the real policy and backend kinds, as the Spring context
 * registers them (rate limits aside: they need process-wide buckets): the kinds that register
 * themselves as components are found as the component scan finds them; the others are listed.
 */
final class TestStateFactories {

  private TestStateFactories() {}

  /**
   * @param llm the LLM runtime, or null for a factory that refuses {@code ai} backends
   * @param mcp the MCP runtime, or null for a factory that refuses {@code mcp} backends
   */
  static GatewayStateFactory factory(LlmRoutes llm, McpRoutes mcp) {
    CelEnvironment cel = new CelEnvironment();
    JwkSources keys = new JwkSources(null, Clock.systemUTC(), Duration.ofSeconds(5));
    TokenExchangeBackendAuth exchanges =
        new TokenExchangeBackendAuth(
            cel,
            new io.agw.gateway.backend.SecretResolver(),
            HttpClient.create(),
            Clock.systemUTC());
    List<PolicyKind> policies = new ArrayList<>(componentKinds(cel, keys, exchanges));
    policies.addAll(HttpPolicyKinds.all(new ExtensionFilters(List.of(), null), cel));
    policies.add(new A2aPolicyKind(new A2aFilters(new A2aTelemetry(new SimpleMeterRegistry()))));
    policies.addAll(SecurityPolicyKinds.all(cel, keys));
    policies.add(McpBackendKind.authorizationPolicy());
    policies.add(McpBackendKind.guardrailsPolicy());
    List<BackendKind> backends = new ArrayList<>();
    backends.add(new StaticBackendKind());
    backends.add(new ServiceBackendKind());
    if (llm != null) {
      policies.addAll(LlmPolicyKinds.all(llm));
      backends.add(LlmPolicyKinds.backendKind(llm));
    } else {
      policies.addAll(LlmPolicyKinds.all(null).subList(0, 1));
    }
    if (mcp != null) {
      backends.add(new McpBackendKind(mcp));
    }
    return new GatewayStateFactory(
        new PolicyFilters(policies),
        new BackendKinds(backends),
        new BackendClients(HttpClient.create()),
        new ListenerTlsFactory());
  }

  /**
   * The policy kinds that register themselves as components (declared in their own files only),
   * built with {@code dependencies} the way the application context injects them, so that a new
   * kind is in these factories without being named here.
   */
  static List<PolicyKind> componentKinds(Object... dependencies) {
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    for (Object dependency : dependencies) {
      beans.registerSingleton(dependency.getClass().getName(), dependency);
    }
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AssignableTypeFilter(PolicyKind.class));
    List<PolicyKind> kinds = new ArrayList<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents("io.agw.gateway")) {
      Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
      if (AnnotatedElementUtils.hasAnnotation(type, Component.class)) {
        kinds.add((PolicyKind) beans.createBean(type));
      }
    }
    return kinds;
  }

  /** The LLM runtime of a state factory, with its own meters and no shared endpoint health. */
  static LlmRoutes llmRoutes(BackendClients clients) {
    var secrets = new io.agw.gateway.backend.SecretResolver();
    var guardServices =
        new io.agw.gateway.llm.guard.GuardServices(
            clients,
            secrets,
            new io.agw.gateway.cel.CelEnvironment(),
            io.agw.gateway.llm.guard.GuardEndpoints.NONE);
    return new LlmRoutes(
        new io.agw.gateway.llm.backend.LlmBackendFactory(
            clients,
            secrets,
            new io.agw.gateway.llm.balance.Endpoints(System::nanoTime),
            guardServices,
            new io.agw.gateway.cel.CelEnvironment()),
        secrets,
        new io.agw.gateway.llm.telemetry.LlmMetrics(new SimpleMeterRegistry()),
        new io.agw.gateway.llm.telemetry.LlmChoiceMetrics(new SimpleMeterRegistry()),
        guardServices);
  }
}
