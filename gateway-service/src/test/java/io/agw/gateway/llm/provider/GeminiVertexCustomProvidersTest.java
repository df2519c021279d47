package io.agw.gateway.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.provider.custom.CustomProvider;
import io.agw.gateway.llm.provider.gemini.GeminiProvider;
import io.agw.gateway.llm.provider.vertex.VertexProvider;
import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.AiRouteType;
import io.agw.model.resource.v1.CustomFormat;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** Hosts, paths, dialects and key placement of the Gemini, Vertex AI and custom adapters. */
class GeminiVertexCustomProvidersTest {

  private static final GeminiProvider GEMINI = new GeminiProvider();
  private static final VertexProvider VERTEX = new VertexProvider();
  private static final CustomProvider CUSTOM = new CustomProvider();

  private static AiProvider vertex(String region) {
    var v = io.agw.model.resource.v1.VertexProvider.newBuilder().setProjectId("my-project");
    if (region != null) {
      v.setRegion(region);
    }
    return AiProvider.newBuilder().setName("v").setVertex(v).build();
  }

  @Test
  void geminiPathsChooseTheStreamingMethodAndTheKeyHeader() {
    AiProvider config =
        AiProvider.newBuilder()
            .setName("g")
            .setGemini(io.agw.model.resource.v1.GeminiProvider.getDefaultInstance())
            .build();
    assertThat(GEMINI.defaultAuthority(config)).isEqualTo("generativelanguage.googleapis.com:443");
    assertThat(GEMINI.path(config, ClientApi.COMPLETIONS, "gemini-2.5-pro", false))
        .isEqualTo("/v1beta/models/gemini-2.5-pro:generateContent");
    assertThat(GEMINI.path(config, ClientApi.MESSAGES, "models/gemini-2.5-pro", true))
        .isEqualTo("/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
    assertThat(GEMINI.path(config, ClientApi.EMBEDDINGS, "text-embedding-004", false))
        .isEqualTo("/v1beta/models/text-embedding-004:batchEmbedContents");
    assertThat(GEMINI.path(config, ClientApi.COUNT_TOKENS, "gemini-2.5-pro", false))
        .isEqualTo("/v1beta/models/gemini-2.5-pro:countTokens");
    // Responses go to the OpenAI-compatible endpoint, streamed or not.
    assertThat(GEMINI.path(config, ClientApi.RESPONSES, "gemini-2.5-pro", true))
        .isEqualTo("/v1beta/openai/chat/completions");
    AiProvider prefixed = config.toBuilder().setPathPrefix("/proxy/v1beta/").build();
    assertThat(GEMINI.path(prefixed, ClientApi.COMPLETIONS, "gemini-2.5-pro", false))
        .isEqualTo("/proxy/v1beta/models/gemini-2.5-pro:generateContent");
    HttpHeaders headers = new HttpHeaders();
    GEMINI.authenticate(headers, "k");
    assertThat(headers.getFirst("x-goog-api-key")).isEqualTo("k");
    assertThat(GEMINI.dialect()).isEqualTo(Dialect.GEMINI);
  }

  @Test
  void vertexHostFollowsTheRegion() {
    assertThat(VERTEX.defaultAuthority(vertex(null))).isEqualTo("aiplatform.googleapis.com:443");
    assertThat(VERTEX.defaultAuthority(vertex("global")))
        .isEqualTo("aiplatform.googleapis.com:443");
    assertThat(VERTEX.defaultAuthority(vertex("us")))
        .isEqualTo("aiplatform.us.rep.googleapis.com:443");
    assertThat(VERTEX.defaultAuthority(vertex("europe-west4")))
        .isEqualTo("europe-west4-aiplatform.googleapis.com:443");
  }

  @Test
  void vertexServesGeminiAndClaudeModelsAtTheirPublishers() {
    AiProvider config = vertex("us-east5");
    String base = "/v1/projects/my-project/locations/us-east5/publishers/";
    assertThat(VERTEX.dialect(config, "gemini-2.5-pro")).isEqualTo(Dialect.GEMINI);
    assertThat(VERTEX.path(config, ClientApi.COMPLETIONS, "gemini-2.5-pro", true))
        .isEqualTo(base + "google/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
    assertThat(VERTEX.path(config, ClientApi.EMBEDDINGS, "text-embedding-005", false))
        .isEqualTo(base + "google/models/text-embedding-005:predict");
    assertThat(VERTEX.path(config, ClientApi.RESPONSES, "gemini-2.5-pro", false))
        .isEqualTo("/v1/projects/my-project/locations/us-east5/endpoints/openapi/chat/completions");

    assertThat(VERTEX.dialect(config, "claude-sonnet-4-5@20250929")).isEqualTo(Dialect.ANTHROPIC);
    assertThat(VERTEX.dialect(config, "anthropic/claude-sonnet-4-5")).isEqualTo(Dialect.ANTHROPIC);
    assertThat(VERTEX.path(config, ClientApi.MESSAGES, "claude-sonnet-4-5@20250929", false))
        .isEqualTo(base + "anthropic/models/claude-sonnet-4-5@20250929:rawPredict");
    assertThat(VERTEX.path(config, ClientApi.MESSAGES, "anthropic/claude-sonnet-4-5", true))
        .isEqualTo(base + "anthropic/models/claude-sonnet-4-5:streamRawPredict");
    assertThat(VERTEX.path(config, ClientApi.COUNT_TOKENS, "claude-sonnet-4-5", false))
        .isEqualTo(base + "anthropic/models/count-tokens:rawPredict");
  }

  @Test
  void customProviderUsesItsFormatsPathsAndKeyHeader() {
    AiProvider config =
        AiProvider.newBuilder()
            .setName("local")
            .setCustom(
                io.agw.model.resource.v1.CustomProvider.newBuilder()
                    .setProviderOverride("vllm")
                    .addFormats(
                        CustomFormat.newBuilder()
                            .setType(AiRouteType.AI_ROUTE_COMPLETIONS)
                            .setPath("/api/chat"))
                    .setAuthHeader("X-Api-Token")
                    .setAuthPrefix("Token "))
            .build();
    assertThat(CUSTOM.dialect(config, "m")).isEqualTo(Dialect.OPENAI);
    assertThat(CUSTOM.telemetryName(config)).isEqualTo("vllm");
    assertThat(CUSTOM.path(config, ClientApi.COMPLETIONS, "m", false)).isEqualTo("/api/chat");
    assertThat(CUSTOM.path(config, ClientApi.EMBEDDINGS, "m", false)).isEqualTo("/v1/embeddings");
    HttpHeaders headers = new HttpHeaders();
    CUSTOM.authenticate(config, headers, "secret");
    assertThat(headers.getFirst("X-Api-Token")).isEqualTo("Token secret");
    assertThat(headers.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
    assertThatThrownBy(() -> CUSTOM.defaultAuthority(config))
        .hasMessageContaining("needs hostOverride");

    AiProvider plain =
        AiProvider.newBuilder()
            .setName("p")
            .setCustom(io.agw.model.resource.v1.CustomProvider.getDefaultInstance())
            .build();
    HttpHeaders bearer = new HttpHeaders();
    CUSTOM.authenticate(plain, bearer, "secret");
    assertThat(bearer.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer secret");
    assertThat(CUSTOM.telemetryName(plain)).isEqualTo("custom");

    AiProvider messagesOnly =
        AiProvider.newBuilder()
            .setName("m")
            .setCustom(
                io.agw.model.resource.v1.CustomProvider.newBuilder()
                    .addFormats(CustomFormat.newBuilder().setType(AiRouteType.AI_ROUTE_MESSAGES)))
            .build();
    assertThat(CUSTOM.dialect(messagesOnly, "m")).isEqualTo(Dialect.ANTHROPIC);
  }
}
