package io.agw.gateway.llm.bench;

import io.agw.gateway.llm.provider.anthropic.AnthropicRequestMapper;
import io.agw.gateway.llm.provider.openai.OpenAiRequestMapper;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.MessagesRequest;
import io.agw.gateway.llm.wire.openai.ChatCompletionRequest;
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
 * Request translation as the gateway does it per call: the client's JSON read into the wire
 * records, mapped, and written as the upstream's JSON. {@code size}: {@code small} is a one-turn
 * request, {@code large} a multi-turn request with tools (and images and reasoning for chat).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestMapperBenchmark {

  @Param({"small", "large"})
  public String size;

  private final AnthropicRequestMapper toAnthropic = new AnthropicRequestMapper();
  private final OpenAiRequestMapper toOpenAi = new OpenAiRequestMapper();
  private String chat;
  private String messages;

  @Setup
  public void load() {
    boolean small = "small".equals(size);
    chat =
        Fixtures.text(
            small
                ? "requests/completions/basic.json"
                : "own/requests/completions/tools-images-reasoning.json");
    messages =
        Fixtures.text(
            small ? "requests/messages/basic.json" : "own/requests/messages/tool-history.json");
  }

  /** OpenAI chat completions request to an Anthropic Messages request. */
  @Benchmark
  public String chatToAnthropic() {
    return WireJson.write(toAnthropic.toMessages(WireJson.read(chat, ChatCompletionRequest.class)));
  }

  /** Anthropic Messages request to an OpenAI chat completions request. */
  @Benchmark
  public String messagesToOpenAi() {
    return WireJson.write(
        toOpenAi.toChatCompletion(WireJson.read(messages, MessagesRequest.class)));
  }
}
