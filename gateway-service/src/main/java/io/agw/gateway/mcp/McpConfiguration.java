package io.agw.gateway.mcp;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.mcp.federation.McpTargets;
import io.agw.gateway.mcp.federation.SessionCodec;
import io.agw.gateway.mcp.session.ClientSessions;
import io.agw.gateway.mcp.telemetry.McpMetrics;
import io.agw.gateway.policy.BackendKind;
import io.agw.gateway.policy.PolicyKind;
import io.agw.gateway.state.ResourceStore;
import io.agw.model.config.GatewaySettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The MCP gateway's beans. Properties: {@code agw.mcp.session-key} (base64 AES key of 16, 24 or 32
 * bytes; when set, session ids are encrypted, and every replica must have the same key; else
 * agentgateway's {@code SESSION_KEY} or the file's {@code config.session.key}: {@link
 * McpSessionKeys}) and {@code agw.mcp.request-timeout} (the longest wait for a target's answer, 60s
 * by default) and {@code agw.mcp.session-idle-timeout} (a client session unused this long is
 * closed, 30m by default).
 */
@Configuration(proxyBeanMethods = false)
class McpConfiguration {

  @Bean(destroyMethod = "close")
  McpTargets mcpTargets(@Value("${agw.mcp.request-timeout:60s}") Duration timeout) {
    return new McpTargets(timeout);
  }

  @Bean(destroyMethod = "close")
  ClientSessions mcpClientSessions(
      @Value("${agw.mcp.session-idle-timeout:30m}") Duration idleTimeout) {
    return new ClientSessions(idleTimeout);
  }

  /** Closes the targets and client sessions a reload removed, once the new state is in force. */
  @Bean
  SmartInitializingSingleton mcpTargetsPruning(
      ResourceStore store, McpTargets targets, ClientSessions sessions) {
    return () -> {
      store.addListener(targets);
      store.addListener(sessions);
    };
  }

  @Bean
  McpRoutes mcpRoutes(
      McpTargets targets,
      ClientSessions sessions,
      CelEnvironment cel,
      MeterRegistry meters,
      @Value("${agw.mcp.session-key:}") String sessionKey,
      @Value("${SESSION_KEY:}") String environmentKey,
      ObjectProvider<Supplier<GatewaySettings>> fileSettings) {
    McpSessionKeys keys =
        new McpSessionKeys(
            sessionKey,
            environmentKey,
            () -> {
              // No file (configuration over xDS): no file key.
              Supplier<GatewaySettings> settings = fileSettings.getIfAvailable();
              return settings == null ? null : settings.get().sessionKey();
            });
    return new McpRoutes(
        targets, SessionCodec.withKeys(keys), cel, new McpMetrics(meters), sessions);
  }

  @Bean
  BackendKind mcpBackendKind(McpRoutes routes) {
    return new McpBackendKind(routes);
  }

  @Bean
  PolicyKind mcpAuthorizationPolicy() {
    return McpBackendKind.authorizationPolicy();
  }

  @Bean
  PolicyKind mcpGuardrailsPolicy() {
    return McpBackendKind.guardrailsPolicy();
  }
}
