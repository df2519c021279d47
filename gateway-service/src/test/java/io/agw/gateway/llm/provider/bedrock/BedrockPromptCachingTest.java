package io.agw.gateway.llm.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.MessagesRequest;
import io.agw.model.resource.v1.AiPromptCaching;
import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.BedrockProvider;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * agentgateway's {@code promptCaching} on Bedrock, through the provider's own translation of a chat
 * completions request (the body the gateway sends, compared whole), and Bedrock's limit of four
 * cache points on requests whose client marked more.
 */
class BedrockPromptCachingTest {

  private static final String CLAUDE = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

  private static final AiPromptCaching DEFAULTS =
      AiPromptCaching.newBuilder()
          .setCacheSystem(true)
          .setCacheMessages(true)
          .setMinTokens(1024)
          .build();

  private static JsonNode send(AiPromptCaching policy, ClientApi api, String body) {
    AiProvider.Builder provider =
        AiProvider.newBuilder()
            .setName("bedrock")
            .setBedrock(BedrockProvider.newBuilder().setRegion("us-east-1"));
    if (policy != null) {
      provider.setPromptCaching(policy);
    }
    Translation t =
        new io.agw.gateway.llm.provider.bedrock.BedrockProvider()
            .translation(provider.build(), api, CLAUDE)
            .orElseThrow();
    byte[] out = t.request((ObjectNode) WireJson.tree(body));
    return WireJson.tree(new String(out, StandardCharsets.UTF_8));
  }

  private static String chat(String model, String system, String tools) {
    return """
        {"model": "%s", "max_tokens": 100,%s
         "messages": [
           {"role": "system", "content": "%s"},
           {"role": "user", "content": "one"},
           {"role": "assistant", "content": "two"},
           {"role": "user", "content": "three"},
           {"role": "assistant", "content": "four"},
           {"role": "user", "content": "five"}]}
        """
        .formatted(model, tools, system);
  }

  private static final String POINT = "{\"cachePoint\":{\"type\":\"default\"}}";

  @Test
  void addsCachePointsAfterALongSystemPromptAndTheSecondToLastMessage() {
    String system = "word ".repeat(800).strip(); // 800 words: an estimate of 1040 tokens
    JsonNode sent = send(DEFAULTS, ClientApi.COMPLETIONS, chat(CLAUDE, system, ""));
    assertThat(sent)
        .isEqualTo(
            WireJson.tree(
                """
                {"messages": [
                   {"role": "user", "content": [{"text": "one"}]},
                   {"role": "assistant", "content": [{"text": "two"}]},
                   {"role": "user", "content": [{"text": "three"}]},
                   {"role": "assistant", "content": [{"text": "four"}, %s]},
                   {"role": "user", "content": [{"text": "five"}]}],
                 "system": [{"text": "%s"}, %s],
                 "inferenceConfig": {"maxTokens": 100}}
                """
                    .formatted(POINT, system, POINT)));
  }

  @Test
  void aShortSystemPromptIsNotMarkedAndTheOffsetMovesTheMessagePointBack() {
    AiPromptCaching policy = DEFAULTS.toBuilder().setCacheMessageOffset(2).build();
    JsonNode sent =
        send(policy, ClientApi.COMPLETIONS, chat(CLAUDE, "word ".repeat(787).strip(), ""));
    // 787 words estimate 1023 tokens: one short of the minimum.
    assertThat(sent.path("system")).hasSize(1);
    assertThat(sent.path("messages").get(1).path("content").get(1)).isEqualTo(WireJson.tree(POINT));
    assertThat(sent.path("messages").get(3).path("content")).hasSize(1);
  }

  @Test
  void marksTheToolsWhenAskedAndNeverMoreThanFourPoints() {
    AiPromptCaching policy =
        DEFAULTS.toBuilder().setCacheTools(true).setMinTokens(0).setCacheSystem(true).build();
    String tools =
        """
         "tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}],
        """;
    JsonNode sent = send(policy, ClientApi.COMPLETIONS, chat(CLAUDE, "be brief", tools));
    JsonNode toolList = sent.path("toolConfig").path("tools");
    assertThat(toolList).hasSize(2);
    assertThat(toolList.get(1)).isEqualTo(WireJson.tree(POINT));
    assertThat(sent.path("system").get(1)).isEqualTo(WireJson.tree(POINT));
  }

  @Test
  void modelsWithoutPromptCachingAndMessagesClientsAreLeftAlone() {
    String longSystem = "word ".repeat(2000).strip();
    JsonNode plain = send(null, ClientApi.COMPLETIONS, chat(CLAUDE, longSystem, ""));
    assertThat(send(DEFAULTS, ClientApi.COMPLETIONS, chat("meta.llama3-70b", longSystem, "")))
        .isEqualTo(send(null, ClientApi.COMPLETIONS, chat("meta.llama3-70b", longSystem, "")));
    assertThat(plain.toString()).doesNotContain("cachePoint");
    String messages =
        """
        {"model": "%s", "max_tokens": 10, "system": "%s",
         "messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"},
                      {"role": "user", "content": "c"}]}
        """
            .formatted(CLAUDE, longSystem);
    assertThat(send(DEFAULTS, ClientApi.MESSAGES, messages).toString())
        .doesNotContain("cachePoint");
  }

  @Test
  void keepsTheFirstFourCachePointsAClientMarked() {
    String block =
        "{\"type\": \"text\", \"text\": \"%s\", \"cache_control\": {\"type\": \"ephemeral\"}}";
    String body =
        """
        {"model": "m", "max_tokens": 10,
         "system": [%s, %s],
         "tools": [{"name": "t", "input_schema": {"type": "object"},
                    "cache_control": {"type": "ephemeral"}}],
         "messages": [{"role": "user", "content": [%s, %s]}]}
        """
            .formatted(
                block.formatted("s1"),
                block.formatted("s2"),
                block.formatted("m1"),
                block.formatted("m2"));
    var converse =
        new BedrockRequestMapper().toConverse(WireJson.read(body, MessagesRequest.class));
    assertThat(CachePoints.count(converse)).isEqualTo(4);
    // System first, then messages: the tool's point is the one left out.
    assertThat(converse.toolConfig().tools()).hasSize(1);
    assertThat(converse.messages().get(0).content()).hasSize(4);
  }
}
