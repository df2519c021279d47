package io.agw.model.config;

import static io.agw.model.config.ConfigLoaderTest.byKey;
import static io.agw.model.config.ConfigLoaderTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.Value;
import io.agw.model.resource.v1.AiPolicy;
import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.AiRouteType;
import io.agw.model.resource.v1.AzureOpenAiProvider;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.BackendTls;
import io.agw.model.resource.v1.BuiltinPattern;
import io.agw.model.resource.v1.ContentScope;
import io.agw.model.resource.v1.HeaderExpression;
import io.agw.model.resource.v1.HeaderMatch;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PromptGuard;
import io.agw.model.resource.v1.PromptMessage;
import io.agw.model.resource.v1.RegexGuardRule;
import io.agw.model.resource.v1.RequestGuard;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.SecretSource;
import io.agw.model.resource.v1.StringMatch;
import io.agw.model.resource.v1.WebhookGuard;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code ai} backend, {@code backendAuth}, the {@code ai} policy and the llm shorthand. */
class AiConfigTest {

  @Test
  void aiBackendKeepsGroupsProvidersAndOverrides() throws Exception {
    Map<String, Resource> resources =
        byKey(ConfigLoader.load(resource("ai.yaml"), Path.of("/etc/agw")));
    Backend backend = resources.get("backend/4000/llm/chat/0").getBackend();
    assertThat(backend.getKindCase()).isEqualTo(Backend.KindCase.AI);
    assertThat(backend.getAi().getGroupsCount()).isEqualTo(2);

    AiProvider primary = backend.getAi().getGroups(0).getProviders(0);
    assertThat(primary.getName()).isEqualTo("primary");
    assertThat(primary.getOpenAi().getModel()).isEqualTo("gpt-4o");
    assertThat(primary.getHostOverride()).isEqualTo("127.0.0.1:9001");
    assertThat(primary.getPathPrefix()).isEqualTo("/openai/v1");
    assertThat(primary.getPoliciesList())
        .extracting(p -> p.getBackendAuth().getKey())
        .containsExactly(SecretSource.newBuilder().setEnv("OPENAI_API_KEY").build());

    AiProvider azure = backend.getAi().getGroups(0).getProviders(1);
    assertThat(azure.getAzure())
        .isEqualTo(
            AzureOpenAiProvider.newBuilder()
                .setResourceName("my-resource")
                .setResourceType(AzureOpenAiProvider.ResourceType.OPEN_AI)
                .setApiVersion("2024-10-21")
                .setModel("gpt-4o-deployment")
                .build());
    assertThat(azure.getPolicies(0).getBackendAuth().getKey().getInline())
        .isEqualTo("inline-azure-key");

    AiProvider fallback = backend.getAi().getGroups(1).getProviders(0);
    assertThat(fallback.getOpenAi().getModel()).isEmpty();
    assertThat(fallback.getPathOverride()).isEqualTo("/custom/chat");
    assertThat(fallback.getPoliciesList())
        .extracting(PolicySpec::getKindCase)
        .containsExactly(PolicySpec.KindCase.BACKEND_TLS, PolicySpec.KindCase.BACKEND_AUTH);
    assertThat(fallback.getPolicies(1).getBackendAuth().getKey().getFile())
        .isEqualTo("/run/secrets/openai");
  }

  @Test
  void namedAiBackendResolvesRelativeKeyFiles() throws Exception {
    Map<String, Resource> resources =
        byKey(ConfigLoader.load(resource("ai.yaml"), Path.of("/etc/agw")));
    Backend claude = resources.get("backend/claude").getBackend();
    AiProvider provider = claude.getAi().getGroups(0).getProviders(0);
    assertThat(provider.getAnthropic().getModel()).isEqualTo("claude-sonnet-4-5");
    assertThat(provider.getPolicies(0).getBackendAuth().getKey().getFile())
        .isEqualTo("/etc/agw/secrets/anthropic.key");
    assertThat(resources.get("route/4000/llm/claude").getRoute().getBackends(0).getBackendKey())
        .isEqualTo("backend/claude");
  }

  @Test
  void aiPolicyMapsEveryField() throws Exception {
    Map<String, Resource> resources =
        byKey(ConfigLoader.load(resource("ai.yaml"), Path.of("/etc/agw")));
    AiPolicy ai = resources.get("route/4000/llm/chat").getRoute().getPolicies(0).getAi();
    assertThat(ai.getModelAliasesMap())
        .containsEntry("fast", "gpt-4o-mini")
        .containsEntry("claude-*", "claude-sonnet-4-5");
    assertThat(ai.getDefaults().getFieldsMap().get("temperature").getNumberValue()).isEqualTo(0.2);
    assertThat(
            ai.getDefaults()
                .getFieldsMap()
                .get("metadata")
                .getStructValue()
                .getFieldsMap()
                .get("team"))
        .isEqualTo(Value.newBuilder().setStringValue("search").build());
    assertThat(ai.getOverrides().getFieldsMap().get("max_tokens").getNumberValue()).isEqualTo(512);
    assertThat(ai.getPrependList())
        .containsExactly(
            PromptMessage.newBuilder().setRole("system").setContent("Answer briefly.").build());
    assertThat(ai.getAppendList())
        .containsExactly(
            PromptMessage.newBuilder().setRole("user").setContent("Cite sources.").build());
    assertThat(ai.getRoutesMap())
        .containsEntry("/v1/chat/completions", AiRouteType.AI_ROUTE_COMPLETIONS)
        .containsEntry("*", AiRouteType.AI_ROUTE_PASSTHROUGH);
  }

  @Test
  void llmShorthandMapsToTheSameResources() throws Exception {
    LoadedConfig config = ConfigLoader.load(resource("llm.yaml"), Path.of("/etc/agw"));
    assertThat(config.resources())
        .extracting(Resource::getKey)
        .containsExactly("backend/llm", "bind/4000", "listener/4000/llm", "route/4000/llm/models");
    Map<String, Resource> resources = byKey(config);
    assertThat(resources.get("route/4000/llm/models").getRoute().getBackends(0).getBackendKey())
        .isEqualTo("backend/llm");
    var providers = resources.get("backend/llm").getBackend().getAi().getGroups(0);

    AiProvider gpt = providers.getProviders(0);
    assertThat(gpt.getModelNamesList()).containsExactly("gpt-4o");
    assertThat(gpt.getOpenAi().getModel()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(gpt.getPolicies(0).getBackendAuth().getKey().getEnv()).isEqualTo("OPENAI_API_KEY");

    AiProvider claude = providers.getProviders(1);
    assertThat(claude.getModelNamesList()).containsExactly("claude-*");
    assertThat(claude.getHostOverride()).isEqualTo("127.0.0.1:9002");
    assertThat(claude.getPathPrefix()).isEqualTo("/anthropic");
    assertThat(claude.getPoliciesList())
        .extracting(PolicySpec::getKindCase)
        .containsExactly(PolicySpec.KindCase.BACKEND_AUTH, PolicySpec.KindCase.AI);
    assertThat(claude.getPolicies(0).getBackendAuth().getKey().getFile())
        .isEqualTo("/etc/agw/keys/anthropic");
    assertThat(claude.getPolicies(1).getAi().getDefaults().getFieldsMap())
        .containsKey("max_tokens");

    AiProvider azure = providers.getProviders(2);
    assertThat(azure.getAzure().getResourceName()).isEqualTo("my-resource");
    assertThat(azure.getHostOverride()).isEqualTo("mirror.example.com:443");
    assertThat(azure.getPolicies(0).getBackendTls()).isEqualTo(BackendTls.getDefaultInstance());
  }

  @Test
  void geminiVertexAndCustomProvidersWithTheirCredentials() throws Exception {
    Map<String, Resource> resources =
        byKey(ConfigLoader.load(resource("google-custom.yaml"), Path.of("/etc/agw")));
    var providers =
        resources
            .get("backend/4000/llm/google/0")
            .getBackend()
            .getAi()
            .getGroups(0)
            .getProvidersList();

    assertThat(providers.get(0).getGemini().getModel()).isEqualTo("gemini-2.5-flash");
    assertThat(providers.get(0).getPolicies(0).getBackendAuth().getKey().getEnv())
        .isEqualTo("GEMINI_API_KEY");

    assertThat(providers.get(1).getVertex())
        .isEqualTo(
            io.agw.model.resource.v1.VertexProvider.newBuilder()
                .setProjectId("my-project")
                .setRegion("europe-west4")
                .build());
    assertThat(providers.get(1).getPolicies(0).getBackendAuth().getGcp().getCredential().getFile())
        .isEqualTo("/etc/agw/secrets/sa.json");
    assertThat(providers.get(2).getPolicies(0).getBackendAuth().hasGcp()).isTrue();
    assertThat(providers.get(2).getPolicies(0).getBackendAuth().getGcp().hasCredential()).isFalse();

    var custom = providers.get(3).getCustom();
    assertThat(custom.getProviderOverride()).isEqualTo("vllm");
    assertThat(custom.getFormatsList())
        .extracting(f -> f.getType(), f -> f.getPath())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AiRouteType.AI_ROUTE_COMPLETIONS, "/openai/chat"),
            org.assertj.core.groups.Tuple.tuple(AiRouteType.AI_ROUTE_EMBEDDINGS, ""));
    assertThat(custom.getAuthHeader()).isEqualTo("X-Api-Token");
    assertThat(custom.getAuthPrefix()).isEqualTo("Token ");
    assertThat(providers.get(3).getPolicies(0).getBackendAuth().getKey().getEnv())
        .isEqualTo("LOCAL_KEY");
  }

  @Test
  void llmShorthandTakesGeminiAndVertexModels() throws Exception {
    String yaml =
        """
        llm:
          port: 4000
          models:
            - name: gemini-*
              provider: gemini
              params: {apiKey: $GEMINI_API_KEY}
            - name: claude-sonnet
              provider: vertex
              params:
                model: claude-sonnet-4-5@20250929
                vertexProject: my-project
                vertexRegion: us-east5
        """;
    var providers =
        byKey(ConfigLoader.load(yaml, Path.of("/etc/agw")))
            .get("backend/llm")
            .getBackend()
            .getAi()
            .getGroups(0);
    assertThat(providers.getProviders(0).hasGemini()).isTrue();
    assertThat(providers.getProviders(0).getModelNamesList()).containsExactly("gemini-*");
    assertThat(providers.getProviders(1).getVertex())
        .isEqualTo(
            io.agw.model.resource.v1.VertexProvider.newBuilder()
                .setModel("claude-sonnet-4-5@20250929")
                .setProjectId("my-project")
                .setRegion("us-east5")
                .build());
  }

  @Test
  void promptGuardKeepsGuardsInOrderWithScopesRulesAndRejections() throws Exception {
    Map<String, Resource> resources =
        byKey(ConfigLoader.load(resource("prompt-guard.yaml"), Path.of("/etc/agw")));
    PromptGuard guard =
        resources.get("route/4000/llm/guarded").getRoute().getPolicies(0).getAi().getPromptGuard();
    assertThat(guard.getStreaming()).isTrue();
    assertThat(guard.getRequestCount()).isEqualTo(2);

    RequestGuard reject = guard.getRequest(0);
    assertThat(reject.getScopeList())
        .containsExactly(
            ContentScope.CONTENT_SCOPE_SYSTEM_PROMPT, ContentScope.CONTENT_SCOPE_TOOL_INPUT);
    assertThat(reject.getRegex().getReject()).isTrue();
    assertThat(reject.getRegex().getRulesList())
        .containsExactly(
            RegexGuardRule.newBuilder().setBuiltin(BuiltinPattern.BUILTIN_SSN).build(),
            RegexGuardRule.newBuilder().setPattern("(?i)secret project").build());
    assertThat(reject.getRejection().getStatus()).isEqualTo(422);
    assertThat(reject.getRejection().getBody().toStringUtf8()).isEqualTo("no secrets");
    assertThat(reject.getRejection().getHeaders().getSetMap()).containsEntry("x-guard", "ssn");

    RequestGuard mask = guard.getRequest(1);
    assertThat(mask.getScopeList()).as("the default scope is left to the gateway").isEmpty();
    assertThat(mask.getRegex().getReject()).isFalse();
    assertThat(mask.getRegex().getRulesList())
        .extracting(RegexGuardRule::getBuiltin)
        .containsExactly(
            BuiltinPattern.BUILTIN_CREDIT_CARD,
            BuiltinPattern.BUILTIN_PHONE_NUMBER,
            BuiltinPattern.BUILTIN_EMAIL,
            BuiltinPattern.BUILTIN_CA_SIN);
    assertThat(mask.getRejection().getStatus()).as("agentgateway's default").isEqualTo(403);
    assertThat(mask.getRejection().getBody().toStringUtf8())
        .isEqualTo("The request was rejected due to inappropriate content");

    assertThat(guard.getResponse(0).getRegex().getRulesList())
        .extracting(RegexGuardRule::getBuiltin)
        .containsExactly(BuiltinPattern.BUILTIN_EMAIL);
    assertThat(guard.getResponse(0).getRejection().getBody().toStringUtf8())
        .as("a body written as byte values")
        .isEqualTo("hi");
  }

  @Test
  void webhookGuardKeepsTargetHeaderExpressionsForwardedHeadersAndFailureMode() throws Exception {
    Map<String, Resource> resources =
        byKey(ConfigLoader.load(resource("prompt-guard-webhook.yaml"), Path.of("/etc/agw")));
    PromptGuard guard =
        resources.get("route/4000/llm/guarded").getRoute().getPolicies(0).getAi().getPromptGuard();

    RequestGuard request = guard.getRequest(0);
    assertThat(request.getScopeList()).containsExactly(ContentScope.CONTENT_SCOPE_MESSAGES);
    assertThat(request.getRejection().getStatus()).isEqualTo(451);
    WebhookGuard webhook = request.getWebhook();
    assertThat(webhook.getHost()).isEqualTo("guardrails.internal");
    assertThat(webhook.getPort()).isEqualTo(8000);
    assertThat(webhook.getFailOpen()).as("failClosed is the default").isFalse();
    assertThat(webhook.getHeadersList())
        .extracting(HeaderExpression::getName, HeaderExpression::getExpression)
        .containsExactly(
            tuple(":path", "\"/v3/guardrails/request\""),
            tuple("x-user", "jwt.sub"),
            tuple("x-model", "llmRequest.model"));
    assertThat(webhook.getForwardHeaderMatchesList())
        .containsExactly(
            HeaderMatch.newBuilder()
                .setName("x-tenant")
                .setValue(StringMatch.newBuilder().setExact("acme"))
                .build(),
            HeaderMatch.newBuilder()
                .setName("x-team")
                .setValue(StringMatch.newBuilder().setRegex("team-.*"))
                .build());

    WebhookGuard response = guard.getResponse(0).getWebhook();
    assertThat(response.getHost()).isEqualTo("::1");
    assertThat(response.getPort()).isEqualTo(9000);
    assertThat(response.getFailOpen()).isTrue();
  }
}
