package io.agw.gateway.usage.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Cost;
import io.agw.gateway.exchange.CostSource;
import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.exchange.PricedCall;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.anthropic.AnthropicUsageMapper;
import io.agw.gateway.llm.provider.bedrock.BedrockUsageMapper;
import io.agw.gateway.llm.provider.gemini.GeminiUsageMapper;
import io.agw.gateway.llm.provider.openai.OpenAiUsageMapper;
import io.agw.gateway.llm.provider.openai.responses.ResponsesUsage;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.Usage;
import io.agw.gateway.llm.wire.bedrock.BedrockUsage;
import io.agw.gateway.llm.wire.gemini.GenerateContentResponse.UsageMetadata;
import io.agw.gateway.llm.wire.openai.ChatUsage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Prices the usage recorded in real provider answers (the golden fixtures under {@code llm/}), read
 * by the providers' own usage mappers, at the built-in catalog's prices: every token counted once,
 * cache reads and writes and reasoning at their own rates.
 */
class CallCostsTest {

  private static final double MICRO = 1e-6;
  private static final double EPS = 1e-12;

  private final ModelCatalogs catalogs = new ModelCatalogs(ModelCatalogs.readBuiltIn());
  private final CallCosts costs = new CallCosts(() -> catalogs);

  @Test
  void openAiChatTakesCachedTokensOutOfThePromptAndPricesTheRestAsInput() throws IOException {
    // prompt_tokens 1000 include 300 cached reads and 200 writes; gpt-4.1 has no write price,
    // so writes stay input: 700 x 2.00 + 300 x 0.50 + 10 x 8.00 per million.
    TokenUsage usage = chat("completions/cache_write.json");

    Cost cost = price("openai", "gpt-4.1", usage).cost();

    assertThat(cost.input()).isCloseTo(1400 * MICRO, within(EPS));
    assertThat(cost.cacheRead()).isCloseTo(150 * MICRO, within(EPS));
    assertThat(cost.cacheWrite()).isZero();
    assertThat(cost.output()).isCloseTo(80 * MICRO, within(EPS));
    assertThat(cost.total()).isCloseTo(1630 * MICRO, within(EPS));
    assertThat(cost.source()).isEqualTo(CostSource.PROVIDER);
  }

  @Test
  void azureOpenAiIsPricedAtOpenAisListPrices() throws IOException {
    TokenUsage usage = chat("completions/cache_write.json");

    assertThat(price("azure.ai.openai", "gpt-4.1", usage).cost().total())
        .isCloseTo(1630 * MICRO, within(EPS));
  }

  @Test
  void openAiResponsesPricesReasoningApartFromTheVisibleOutput() throws IOException {
    // gpt-5-2025-08-07 is priced as gpt-5: (96 - 64) x 1.25 + 64 x 0.125 + (311 - 256) x 10
    // + 256 x 10 (reasoning at the output rate) per million.
    TokenUsage usage = ResponsesUsage.of(tree("own/response/responses/basic.json"));

    Cost cost = price("openai", "gpt-5", usage).cost();

    assertThat(cost.input()).isCloseTo(40 * MICRO, within(EPS));
    assertThat(cost.cacheRead()).isCloseTo(8 * MICRO, within(EPS));
    assertThat(cost.output()).isCloseTo(550 * MICRO, within(EPS));
    assertThat(cost.reasoning()).isCloseTo(2560 * MICRO, within(EPS));
    assertThat(cost.total()).isCloseTo(3158 * MICRO, within(EPS));
  }

  @Test
  void anthropicInputExcludesCacheReadsAndWrites() throws IOException {
    // claude-haiku-4-5-20251001: 15 x 1 + 13 x 1.25 (5-minute write) + 12 x 0.10 + 21 x 5.
    JsonNode answer = tree("response/anthropic/basic.json");
    TokenUsage usage =
        AnthropicUsageMapper.toTokenUsage(
            WireJson.read(answer.get("usage").toString(), Usage.class),
            answer.get("model").asString());

    Cost cost = price("anthropic", "claude-haiku-4-5", usage).cost();

    assertThat(cost.input()).isCloseTo(15 * MICRO, within(EPS));
    assertThat(cost.cacheWrite()).isCloseTo(16.25 * MICRO, within(EPS));
    assertThat(cost.cacheRead()).isCloseTo(1.2 * MICRO, within(EPS));
    assertThat(cost.output()).isCloseTo(105 * MICRO, within(EPS));
    assertThat(cost.total()).isCloseTo(137.45 * MICRO, within(EPS));
  }

  @Test
  void geminiThoughtsArePricedOnceAsReasoning() throws IOException {
    // 10 x 1.25 + 12 candidates x 10 + 5 thoughts x 10 (gemini-2.5-pro on Vertex AI).
    TokenUsage usage =
        GeminiUsageMapper.toTokenUsage(
            WireJson.read(
                tree("response/vertex-gemini/reasoning.json").get("usageMetadata").toString(),
                UsageMetadata.class),
            "gemini-2.5-pro");

    Cost cost = price("gcp.vertex_ai", "gemini-2.5-pro", usage).cost();

    assertThat(cost.input()).isCloseTo(12.5 * MICRO, within(EPS));
    assertThat(cost.output()).isCloseTo(120 * MICRO, within(EPS));
    assertThat(cost.reasoning()).isCloseTo(50 * MICRO, within(EPS));
    assertThat(cost.total()).isCloseTo(182.5 * MICRO, within(EPS));
    assertThat(price("gcp.gemini", "gemini-2.5-pro", usage).cost().total())
        .isCloseTo(182.5 * MICRO, within(EPS));
  }

  @Test
  void bedrockConverseCacheWritesAtTheWriteRateUnderACrossRegionProfile() throws IOException {
    // us.anthropic.claude-sonnet-4-...: 16 x 3 + 2387 x 3.75 + 9 x 15 per million.
    TokenUsage usage =
        BedrockUsageMapper.toTokenUsage(
            WireJson.read(
                tree("response/bedrock/cache_write.json").get("usage").toString(),
                BedrockUsage.class),
            "us.anthropic.claude-sonnet-4-20250514-v1:0");

    Cost cost = price("aws.bedrock", "us.anthropic.claude-sonnet-4-20250514-v1:0", usage).cost();

    assertThat(cost.input()).isCloseTo(48 * MICRO, within(EPS));
    assertThat(cost.cacheWrite()).isCloseTo(8951.25 * MICRO, within(EPS));
    assertThat(cost.output()).isCloseTo(135 * MICRO, within(EPS));
    assertThat(cost.total()).isCloseTo(9134.25 * MICRO, within(EPS));
  }

  @Test
  void vertexClaudeWithAVersionSuffixIsPricedAsAnthropicCountsIt() throws IOException {
    JsonNode answer = tree("response/anthropic/basic.json");
    TokenUsage usage =
        AnthropicUsageMapper.toTokenUsage(
            WireJson.read(answer.get("usage").toString(), Usage.class),
            "claude-haiku-4-5@20251001");

    assertThat(price("gcp.vertex_ai", "claude-haiku-4-5@20251001", usage).cost().total())
        .isCloseTo(137.45 * MICRO, within(EPS));
  }

  @Test
  void thePromptsWholeSizeChoosesTheLongContextTier() {
    // gemini-2.5-pro over 200k tokens: 200,000 x 2.50 + 50,000 cached x 0.25 + 1,000 x 15.
    TokenUsage longPrompt = new TokenUsage(250_000L, 1_000L, null, 50_000L, null, null, null, null);
    TokenUsage atThreshold = new TokenUsage(200_000L, 1_000L, null, null, null, null, null, null);

    PricedCall over = price("gcp.gemini", "gemini-2.5-pro", longPrompt);
    PricedCall at = price("gcp.gemini", "gemini-2.5-pro", atThreshold);

    assertThat(over.rates().input()).isEqualTo(2.50);
    assertThat(over.cost().total()).isCloseTo(0.5 + 0.0125 + 0.015, within(EPS));
    assertThat(at.rates().input()).isEqualTo(1.25);
    assertThat(at.cost().total()).isCloseTo(0.25 + 0.01, within(EPS));
  }

  @Test
  void anUnknownModelHasNoCost() throws IOException {
    TokenUsage usage = chat("completions/basic.json");

    assertThat(price("openai", "gpt-3.5-turbo-0125", usage)).isNull();
    assertThat(price("openai", "no-such-model", usage)).isNull();
    assertThat(price("no-such-provider", "gpt-4o", usage)).isNull();
  }

  @Test
  void aStreamCutBeforeItsUsageIsEstimatedFromWhatTheGatewayStreamed() {
    LlmCall call = call("openai", "gpt-4o", TokenUsage.NONE);
    call.stream(true);
    call.estimatedInputTokens(1_000);
    call.addStreamedOutputTokens(500);

    Cost cost = call.cost();

    assertThat(cost.source()).isEqualTo(CostSource.ESTIMATED);
    assertThat(cost.total()).isCloseTo((1_000 * 2.50 + 500 * 10) * MICRO, within(EPS));
  }

  @Test
  void theCallFollowsItsUsageOnceTheProviderReportsIt() {
    LlmCall call = call("openai", "gpt-4o", TokenUsage.NONE);
    call.stream(true);
    call.addStreamedOutputTokens(10);
    assertThat(call.cost().source()).isEqualTo(CostSource.ESTIMATED);

    call.usage(new TokenUsage(100L, 20L, 120L, null, null, null, null, "gpt-4o-2024-08-06"));

    assertThat(call.cost().source()).isEqualTo(CostSource.PROVIDER);
    assertThat(call.cost().total()).isCloseTo((100 * 2.50 + 20 * 10) * MICRO, within(EPS));
    assertThat(call.costRates().input()).isEqualTo(2.50);
  }

  @Test
  void aCallRefusedByTheProviderCostsNothing() {
    LlmCall call = call("openai", "gpt-4o", TokenUsage.NONE);
    call.stream(true);
    call.estimatedInputTokens(1_000);
    call.error("429");

    assertThat(call.cost()).isNull();
  }

  private PricedCall price(String provider, String model, TokenUsage usage) {
    return costs.price(call(provider, model, usage));
  }

  private LlmCall call(String provider, String model, TokenUsage usage) {
    LlmCall call = new LlmCall(ClientApi.COMPLETIONS, 0);
    call.provider(provider);
    call.requestModel(model);
    call.usage(
        new TokenUsage(
            usage.inputTokens(),
            usage.outputTokens(),
            usage.totalTokens(),
            usage.cachedInputTokens(),
            usage.cacheCreationInputTokens(),
            usage.reasoningTokens(),
            usage.serviceTier(),
            // The model the test prices: the fixtures' own models are other providers' names.
            usage == TokenUsage.NONE ? null : model));
    call.pricer(costs);
    return call;
  }

  private static TokenUsage chat(String fixture) throws IOException {
    JsonNode answer = tree("response/" + fixture);
    return OpenAiUsageMapper.toTokenUsage(
        WireJson.read(answer.get("usage").toString(), ChatUsage.class),
        answer.get("model").asString(),
        null);
  }

  private static JsonNode tree(String path) throws IOException {
    try (InputStream in = CallCostsTest.class.getResourceAsStream("/llm/" + path)) {
      return WireJson.tree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
