package io.agw.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.config.ConfigEnvironment;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * agentgateway's 44 standalone example configurations (copied unchanged, with their notice, into
 * {@code agentgateway-examples/}) checked with {@code --validate-only} in-process ({@link
 * ValidateOnly}, the code behind the flag, one context for all files). Each file is listed once:
 * either it loads, or it is refused with exactly the problems listed, next to the work that would
 * make it load. When that work lands, its files move from {@link #REFUSED} to {@link #LOADS}.
 */
class AgentgatewayExamplesIntegrationTest {

  /** A file that does not load yet: what it waits for, and every problem, in order. */
  record Refused(String file, String waitsFor, List<String> problems) {
    @Override
    public String toString() {
      return file + " (" + waitsFor + ")";
    }
  }

  /** The files that load. */
  private static final List<String> LOADS =
      List.of(
          "fault-injection/config.yaml",
          "llm-basic/config.yaml",
          "llm-cost-routing/config.yaml",
          "llm-prompt-enrichment/config.yaml",
          "llm-prompt-guard/azure-content-safety-config.yaml",
          "llm-prompt-guard/bedrock-config.yaml",
          "llm-prompt-guard/config.yaml",
          "llm-prompt-guard/model-armor-config.yaml",
          "llm-telemetry/tracing/langfuse.yaml",
          "llm-telemetry/tracing/openllmetry.yaml",
          "llm-telemetry/tracing/otel.yaml",
          "llm-telemetry/tracing/phoenix.yaml",
          "mcp-apps/config-multiplex.yaml",
          "mcp-apps/config.yaml",
          "mcp-authentication/config.yaml",
          "mcp-authorization/config.yaml",
          "mcp-basic/config.yaml",
          "mcp-multiplex/config.yaml",
          "mcp-openapi/config.yaml",
          "mcp-telemetry/config.yaml",
          "mcp-telemetry/logging/otel.yaml",
          "mcp-tls/config.yaml",
          "traffic-a2a/config.yaml",
          "traffic-cross-app-access/keycloak/gateway.yaml",
          "traffic-cross-app-access/okta-auth0/gateway.yaml",
          "traffic-cross-app-access/xaa-dev/gateway.yaml",
          "traffic-http/config.yaml",
          "traffic-jwt-sign/config.yaml",
          "traffic-oauth2-proxy/config.yaml",
          "traffic-oidc/config.yaml",
          "traffic-ratelimiting-global/config.yaml",
          "traffic-ratelimiting-local/config.yaml",
          "traffic-token-exchange/extauthz/config.yaml",
          "traffic-token-exchange/jwt-authz-grant/config.yaml",
          "traffic-token-exchange/oauth-rfc8693/config.yaml");

  /** The files refused, with what they wait for and every problem reported today. */
  private static final List<Refused> REFUSED =
      List.of(
          new Refused(
              "llm-ollama-postgres/config.yaml",
              "the ollama provider preset (no issue yet)",
              List.of(
                  "llm.models[0].provider: unknown provider 'ollama'; use openai, anthropic, azure, gemini, vertex, bedrock, copilot or groq")),
          new Refused(
              "llm-standalone-epp/config.yaml",
              "issues 19 and 17",
              List.of(
                  "services: 'services' is an agentgateway field that this gateway does not support yet (TCP and TLS routes, services and workloads: issue 19)",
                  "binds[0].listeners[0].routes[0].backends[0].policies.inferenceRouting: 'inferenceRouting' is an agentgateway field that this gateway does not support yet",
                  "binds[0].listeners[0].routes[0].backends[0].service: 'service' is an agentgateway field that this gateway does not support yet")),
          new Refused(
              "traffic-aws-agentcore/config.yaml",
              "issue 17",
              List.of(
                  "binds[0].listeners[0].routes[0].backends[0].aws: 'aws' is an agentgateway field that this gateway does not support yet")),
          new Refused(
              "traffic-egress-proxy/config-conditional.yaml",
              "issue 19",
              List.of(
                  "tcpRoutes: 'tcpRoutes' is an agentgateway field that this gateway does not support yet (TCP and TLS routes, services and workloads: issue 19)",
                  "gateways.secure.listeners[2].protocol: 'TLS' is an agentgateway listener protocol that this gateway does not support yet (TCP and TLS listeners: issue 19); use HTTP or HTTPS",
                  "binds[0].tunnelProtocol: 'tunnelProtocol' is an agentgateway field that this gateway does not support yet")),
          new Refused(
              "traffic-egress-proxy/config-dynamic-tls.yaml",
              "issue 19",
              List.of(
                  "binds[0].tunnelProtocol: 'tunnelProtocol' is an agentgateway field that this gateway does not support yet",
                  "binds[1].listeners[0].tls.mode: 'mode' is an agentgateway field that this gateway does not support yet",
                  "binds[1].listeners[0].routes[0].backends[0].dynamic: 'dynamic' is an agentgateway field that this gateway does not support yet",
                  "binds[1].mode: 'mode' is an agentgateway field that this gateway does not support yet")),
          new Refused(
              "traffic-egress-proxy/config.yaml",
              "issue 19",
              List.of(
                  "tcpRoutes: 'tcpRoutes' is an agentgateway field that this gateway does not support yet (TCP and TLS routes, services and workloads: issue 19)",
                  "gateways.secure.listeners[0].protocol: 'TLS' is an agentgateway listener protocol that this gateway does not support yet (TCP and TLS listeners: issue 19); use HTTP or HTTPS",
                  "binds[0].tunnelProtocol: 'tunnelProtocol' is an agentgateway field that this gateway does not support yet")),
          new Refused(
              "traffic-spiffe/config.yaml",
              "issue 19 (with 17 for directResponse.bodyExpression)",
              List.of(
                  "config.spiffe: 'spiffe' is an agentgateway field that this gateway does not support yet",
                  "binds[0].listeners[0].tls.spiffe: 'spiffe' is an agentgateway field that this gateway does not support yet",
                  "binds[1].listeners[0].routes[0].policies.backendTLS.spiffe: 'spiffe' is an agentgateway field that this gateway does not support yet",
                  "binds[0].listeners[0].tls.cert: required field is missing",
                  "binds[0].listeners[0].tls.key: required field is missing")),
          new Refused(
              "traffic-tailscale-auth/config.yaml",
              "a Unix socket as the authorization service",
              List.of(
                  "binds[0].listeners[0].routes[0].policies.extAuthz.host: unix sockets are not supported; use host:port")),
          new Refused(
              "traffic-unified-gateway/config.yaml",
              "the ollama preset",
              List.of(
                  "llm.models[1].provider: unknown provider 'ollama'; use openai, anthropic, azure, gemini, vertex, bedrock, copilot or groq",
                  "llm.virtualModels[0].routing.weighted.targets[0].model: no entry of llm.models serves 'ollama/gemma3:270m'")));

  /**
   * The environment variables the examples expand (their READMEs have the reader export them),
   * given to the loader instead of the test process's environment.
   */
  private static final Map<String, String> VARIABLES =
      Map.ofEntries(
          Map.entry("OPENAI_API_KEY", "sk-openai-test"),
          Map.entry("ANTHROPIC_API_KEY", "sk-ant-test"),
          Map.entry("GEMINI_API_KEY", "gemini-test-key"),
          Map.entry("KC_AGENT_SECRET", "kc-agent-secret"),
          Map.entry("KC_RESOURCE_SECRET", "kc-resource-secret"),
          Map.entry("OKTA_DOMAIN", "example.okta.com"),
          Map.entry("OKTA_CLIENT_ID", "okta-client"),
          Map.entry("OKTA_CLIENT_SECRET", "okta-secret"),
          Map.entry("AUTH0_DOMAIN", "example.auth0.com"),
          Map.entry("AUTH0_CLIENT_ID", "auth0-client"),
          Map.entry("AUTH0_CLIENT_SECRET", "auth0-secret"),
          Map.entry("AUTH0_API", "https://api.example.com"),
          Map.entry("SCOPE", "read:todos"),
          Map.entry("RESOURCE_API_HOST", "api.example.com"),
          Map.entry("XAA_CLIENT_ID", "xaa-client"),
          Map.entry("XAA_IDP_SECRET", "xaa-idp-secret"),
          Map.entry("XAA_RESOURCE_SECRET", "xaa-resource-secret"));

  private static ValidateOnly validation;
  private static Path examples;
  private static ConfigEnvironment environment;

  @BeforeAll
  static void open(@TempDir Path workingDirectory) throws URISyntaxException, IOException {
    examples =
        Path.of(
            AgentgatewayExamplesIntegrationTest.class
                .getResource("/agentgateway-examples")
                .toURI());
    // agentgateway runs its examples from its repository's root, where they are in examples/:
    // their relative paths (examples/mcp-tls/certs/cert.pem) name files from there.
    Files.createSymbolicLink(workingDirectory.resolve("examples"), examples);
    // mcp-authorization reads its JWKS from ./manifests/jwt/pub-key, also from that root.
    Files.createSymbolicLink(
        workingDirectory.resolve("manifests"),
        Path.of(
            AgentgatewayExamplesIntegrationTest.class
                .getResource("/agentgateway-manifests")
                .toURI()));
    environment = ConfigEnvironment.of(VARIABLES).withWorkingDirectory(workingDirectory);
    validation = ValidateOnly.open(CommandLine.normalize(new String[0]));
  }

  @AfterAll
  static void close() {
    validation.close();
  }

  /** The problems of one example, with the examples' folder written {@code <examples>}. */
  private static List<String> validate(String file) {
    return validation.validate(examples.resolve(file), environment).stream()
        .map(p -> p.replace(examples.toString(), "<examples>"))
        .toList();
  }

  @Test
  void aVariableTheEnvironmentDoesNotSetRefusesTheFileNamingItsLine() {
    ConfigEnvironment without = ConfigEnvironment.of(Map.of()).withWorkingDirectory(Path.of(""));
    assertThat(validation.validate(examples.resolve("llm-basic/config.yaml"), without))
        .containsExactly(
            "line 18: the environment variable OPENAI_API_KEY is not set ($OPENAI_API_KEY; every $"
                + " of the file expands an environment variable, as in agentgateway: give a"
                + " default with ${NAME:-default} or write $$ for a literal $)",
            "line 23: the environment variable ANTHROPIC_API_KEY is not set ($ANTHROPIC_API_KEY;"
                + " every $ of the file expands an environment variable, as in agentgateway: give"
                + " a default with ${NAME:-default} or write $$ for a literal $)");
  }

  @Test
  void everyExampleIsListedOnce() throws IOException {
    List<String> found;
    try (Stream<Path> files = Files.walk(examples)) {
      found =
          files
              .filter(f -> f.toString().endsWith(".yaml"))
              .map(f -> examples.relativize(f).toString())
              .toList();
    }
    List<String> listed = new ArrayList<>(LOADS);
    REFUSED.forEach(r -> listed.add(r.file()));
    assertThat(found).hasSize(44);
    assertThat(listed).containsExactlyInAnyOrderElementsOf(found);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("LOADS")
  void loads(String file) {
    assertThat(validate(file)).as(file).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("REFUSED")
  void isRefusedWithEveryProblemByPath(Refused expected) {
    assertThat(validate(expected.file()))
        .as(expected.file())
        .containsExactlyElementsOf(expected.problems());
  }
}
