package io.agw.model.config;

import static io.agw.model.config.ConfigLoaderTest.byKey;
import static io.agw.model.config.ConfigLoaderTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.resource.v1.AuthMode;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.BuiltinPattern;
import io.agw.model.resource.v1.McpAuthentication;
import io.agw.model.resource.v1.McpBackend;
import io.agw.model.resource.v1.McpGuardrailPhase;
import io.agw.model.resource.v1.McpGuardrailProcessor;
import io.agw.model.resource.v1.McpGuardrails;
import io.agw.model.resource.v1.McpHttpTarget;
import io.agw.model.resource.v1.McpOpenApiTarget;
import io.agw.model.resource.v1.McpStdioTarget;
import io.agw.model.resource.v1.McpTarget;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.RegexGuard;
import io.agw.model.resource.v1.RegexGuardRule;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.Route;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code mcp} backend, the {@code mcpAuthorization}, {@code mcpAuthentication} and {@code
 * mcpGuardrails} policies and the {@code mcp} shorthand.
 */
class McpConfigTest {

  @Test
  void mcpBackendKeepsTargetsAndModes() throws Exception {
    Map<String, Resource> resources =
        byKey(ConfigLoader.load(resource("mcp.yaml"), Path.of("/etc/agw")));
    Backend backend = resources.get("backend/4100/tools/federated/0").getBackend();
    assertThat(backend.getKindCase()).isEqualTo(Backend.KindCase.MCP);
    McpBackend mcp = backend.getMcp();
    assertThat(mcp.getStatefulMode()).isEqualTo(McpBackend.StatefulMode.STATELESS);
    assertThat(mcp.getPrefixMode()).isEqualTo(McpBackend.PrefixMode.ALWAYS);
    assertThat(mcp.getFailureMode()).isEqualTo(McpBackend.FailureMode.FAIL_OPEN);
    assertThat(mcp.getTargetsList())
        .containsExactly(
            McpTarget.newBuilder()
                .setName("everything")
                .setStdio(
                    McpStdioTarget.newBuilder()
                        .setCmd("npx")
                        .addArgs("-y")
                        .addArgs("@modelcontextprotocol/server-everything")
                        .putEnv("LOG_LEVEL", "debug"))
                .build(),
            McpTarget.newBuilder()
                .setName("remote")
                .setMcp(http("127.0.0.1", 3001, "/mcp", false))
                .build(),
            McpTarget.newBuilder()
                .setName("files")
                .setMcp(http("127.0.0.1", 3002, "/v1/mcp", false))
                .build(),
            McpTarget.newBuilder()
                .setName("legacy")
                .setSse(http("127.0.0.1", 3003, "/sse", false))
                .build());

    Route route = resources.get("route/4100/tools/federated").getRoute();
    assertThat(route.getPoliciesList())
        .extracting(PolicySpec::getKindCase)
        .containsExactly(PolicySpec.KindCase.MCP_AUTHORIZATION);
    assertThat(route.getPolicies(0).getMcpAuthorization().getRulesList())
        .extracting(r -> r.getAllow())
        .containsExactly("mcp.tool.name == \"echo\"", "mcp.tool.target == \"files\"");

    McpBackend named = resources.get("backend/tools").getBackend().getMcp();
    assertThat(named.getStatefulMode())
        .isEqualTo(McpBackend.StatefulMode.STATEFUL_MODE_UNSPECIFIED);
    assertThat(named.getTargets(0).getSse())
        .isEqualTo(http("mcp.example.com", 443, "/events", true));
    assertThat(resources.get("route/4100/tools/named").getRoute().getBackends(0).getBackendKey())
        .isEqualTo("backend/tools");
  }

  @Test
  void shorthandServesTargetsAtSlashMcp() throws Exception {
    Map<String, Resource> resources =
        byKey(ConfigLoader.load(resource("mcp-shorthand.yaml"), Path.of("/etc/agw")));
    assertThat(resources)
        .containsOnlyKeys("bind/3000", "listener/3000/mcp", "backend/mcp", "route/3000/mcp/mcp");
    McpStdioTarget stdio =
        resources.get("backend/mcp").getBackend().getMcp().getTargets(0).getStdio();
    assertThat(stdio.getCmd()).isEqualTo("node");
    assertThat(stdio.getClearEnv()).isTrue();
    assertThat(resources.get("backend/mcp").getBackend().getMcp().getPrefixMode())
        .isEqualTo(McpBackend.PrefixMode.NEVER);
    assertThat(resources.get("backend/mcp").getBackend().getMcp().getDnsRebindingProtection())
        .isTrue();
    Route route = resources.get("route/3000/mcp/mcp").getRoute();
    assertThat(route.getMatches(0).getPath().getPrefix()).isEqualTo("/mcp");
    assertThat(route.getListenerKey()).isEqualTo("listener/3000/mcp");
    assertThat(route.getBackends(0).getBackendKey()).isEqualTo("backend/mcp");
    assertThat(route.getPolicies(0).hasMcpAuthorization()).isTrue();
  }

  @Test
  void openApiDocumentsAreInlineFilesOrUrls() throws Exception {
    Map<String, Resource> resources =
        byKey(ConfigLoader.load(resource("mcp-openapi.yaml"), Path.of("/etc/agw")));
    McpBackend mcp = resources.get("backend/4200/api/apis/0").getBackend().getMcp();

    assertThat(mcp.getTargets(0).getOpenapi().getSchema().getInline()).contains("\"openapi\"");
    assertThat(mcp.getTargets(1).getOpenapi().getSchema().getFile())
        .isEqualTo("/etc/agw/specs/petstore.yaml");
    assertThat(mcp.getTargets(1).getOpenapi().getServer())
        .isEqualTo(http("127.0.0.1", 8002, "/v1", false));
    McpOpenApiTarget remote = mcp.getTargets(2).getOpenapi();
    assertThat(remote.hasSchema()).isFalse();
    assertThat(remote.getSchemaUrl()).isEqualTo("https://api.example.com/openapi.json");
    assertThat(remote.getServer().getHost()).isEqualTo("api.example.com");
  }

  private static McpHttpTarget http(String host, int port, String path, boolean tls) {
    return McpHttpTarget.newBuilder().setHost(host).setPort(port).setPath(path).setTls(tls).build();
  }

  @Test
  void mcpAuthenticationDerivesKeysAndRenamesMetadata() throws Exception {
    Map<String, Resource> resources =
        byKey(ConfigLoader.load(resource("mcp-authentication.yaml"), Path.of("/etc/agw")));
    McpAuthentication keycloak = mcpAuthentication(resources, "route/4200/mcp/keycloak");
    assertThat(keycloak.getMode()).isEqualTo(AuthMode.AUTH_MODE_STRICT);
    assertThat(keycloak.hasLocation()).isFalse();
    assertThat(keycloak.getProvider().getIssuer()).isEqualTo("https://idp.example.com/realms/agw/");
    assertThat(keycloak.getProvider().getAudiencesList()).containsExactly("mcp-gateway");
    assertThat(keycloak.getProvider().getJwks().getUrl())
        .isEqualTo("https://idp.example.com/realms/agw/protocol/openid-connect/certs");
    assertThat(keycloak.getResourceMetadata().getFieldsMap())
        .containsOnlyKeys("scopes_supported", "bearer_methods_supported", "resource_name");
    assertThat(
            resources
                .get("backend/4200/mcp/keycloak/0")
                .getBackend()
                .getMcp()
                .getDnsRebindingProtection())
        .isTrue();

    McpAuthentication inline = mcpAuthentication(resources, "route/4200/mcp/inline");
    assertThat(inline.getMode()).isEqualTo(AuthMode.AUTH_MODE_OPTIONAL);
    assertThat(inline.getLocation().getHeader().getName()).isEqualTo("X-Token");
    assertThat(inline.getLocation().getHeader().getPrefix()).isEqualTo("Token ");
    assertThat(inline.getProvider().getJwks().getInline()).isEqualTo("{\"keys\":[]}");
    assertThat(inline.getProvider().getAudiencesList()).containsExactly("one", "two");
    assertThat(inline.getProvider().getRequiredClaims().getClaimsList())
        .containsExactly("exp", "sub");
    assertThat(inline.getResourceMetadata().getFieldsMap())
        .containsOnlyKeys("resource", "authorization_servers");
    assertThat(
            resources
                .get("backend/4200/mcp/inline/0")
                .getBackend()
                .getMcp()
                .getDnsRebindingProtection())
        .isFalse();

    McpAuthentication generic = mcpAuthentication(resources, "route/4200/mcp/generic");
    assertThat(generic.getProvider().getJwks().getUrl())
        .isEqualTo("https://tenant.example.com/.well-known/jwks.json");
    assertThat(generic.getResourceMetadata().getFieldsCount()).isZero();
  }

  @Test
  void mcpGuardrailsKeepProcessorsInOrderWithMethodsAndRegexGuards() throws Exception {
    Map<String, Resource> resources =
        byKey(ConfigLoader.load(resource("mcp-guardrails.yaml"), Path.of("/etc/agw")));
    McpGuardrails guardrails =
        resources.get("route/4300/mcp/guarded").getRoute().getPoliciesList().stream()
            .filter(PolicySpec::hasMcpGuardrails)
            .findFirst()
            .orElseThrow()
            .getMcpGuardrails();
    assertThat(guardrails.getProcessorsList())
        .containsExactly(
            McpGuardrailProcessor.newBuilder()
                .putMethods("tools/call", McpGuardrailPhase.MCP_GUARDRAIL_PHASE_FULL)
                .putMethods("*/list", McpGuardrailPhase.MCP_GUARDRAIL_PHASE_OFF)
                .setRegex(
                    RegexGuard.newBuilder()
                        .setReject(true)
                        .addRules(
                            RegexGuardRule.newBuilder().setBuiltin(BuiltinPattern.BUILTIN_SSN))
                        .addRules(RegexGuardRule.newBuilder().setPattern("(?i)project apollo")))
                .build(),
            McpGuardrailProcessor.newBuilder()
                .putMethods("*", McpGuardrailPhase.MCP_GUARDRAIL_PHASE_RESPONSE)
                .setRegex(
                    RegexGuard.newBuilder()
                        .addRules(
                            RegexGuardRule.newBuilder().setBuiltin(BuiltinPattern.BUILTIN_EMAIL)))
                .build());
  }

  private static McpAuthentication mcpAuthentication(Map<String, Resource> resources, String key) {
    return resources.get(key).getRoute().getPoliciesList().stream()
        .filter(PolicySpec::hasMcpAuthentication)
        .findFirst()
        .orElseThrow()
        .getMcpAuthentication();
  }
}
