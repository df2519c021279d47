package io.agw.gateway.llm.bench;

import io.agw.gateway.llm.provider.anthropic.AnthropicResponseMapper;
import io.agw.gateway.llm.provider.openai.OpenAiResponseMapper;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.MessagesResponse;
import io.agw.gateway.llm.wire.openai.ChatCompletionResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Response translation as the gateway does it per call: the upstream's JSON read, mapped to the
 * client's format (and its usage extracted for metrics), and written. {@code kind}: {@code text} is
 * a text answer, {@code tools} an answer with tool calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ResponseMapperBenchmark {

  @Param({"text", "tools"})
  public String kind;

  private final AnthropicResponseMapper fromAnthropic = new AnthropicResponseMapper();
  private final OpenAiResponseMapper fromOpenAi = new OpenAiResponseMapper();
  private String anthropic;
  private String openAi;

  @Setup
  public void load() {
    boolean text = "text".equals(kind);
    anthropic =
        Fixtures.text(text ? "response/anthropic/basic.json" : "simulator/anthropic-tool.json");
    openAi =
        Fixtures.text(
            text ? "response/completions/basic.json" : "response/completions/tool_call.json");
  }

  /** Anthropic Messages response to an OpenAI chat completion. */
  @Benchmark
  public String anthropicToChat() {
    MessagesResponse response = WireJson.read(anthropic, MessagesResponse.class);
    fromAnthropic.usage(response);
    return WireJson.write(fromAnthropic.toChatCompletion(response));
  }

  /** OpenAI chat completion to an Anthropic Messages response. */
  @Benchmark
  public String chatToMessages() {
    ChatCompletionResponse response = WireJson.read(openAi, ChatCompletionResponse.class);
    fromOpenAi.usage(response);
    return WireJson.write(fromOpenAi.toMessages(response));
  }
}
