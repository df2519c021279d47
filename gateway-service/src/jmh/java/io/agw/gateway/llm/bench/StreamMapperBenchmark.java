package io.agw.gateway.llm.bench;

import io.agw.gateway.llm.provider.anthropic.AnthropicStreamMapper;
import io.agw.gateway.llm.provider.openai.OpenAiStreamMapper;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.StreamEvent;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Stream translation, per upstream event: the event's JSON read, mapped by the per-stream
 * (stateful) mapper, and each produced event written as SSE text. One invocation is one event; the
 * recorded stream is replayed in order, with a new mapper (and its {@code finish()}) at each end,
 * so the result is the average over all events of a stream, its start and end included. {@code
 * kind}: {@code text} is a text stream, {@code tools} one with text and two parallel tool calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StreamMapperBenchmark {

  @Param({"text", "tools"})
  public String kind;

  private List<SseEvent> anthropicEvents;
  private List<SseEvent> openAiEvents;
  private AnthropicStreamMapper fromAnthropic;
  private OpenAiStreamMapper fromOpenAi;
  private int anthropicNext;
  private int openAiNext;

  @Setup
  public void load() {
    boolean text = "text".equals(kind);
    anthropicEvents =
        Fixtures.events(
            text
                ? "response/anthropic/stream_basic.json"
                : "own/response/anthropic/stream_parallel_tools.json");
    openAiEvents =
        Fixtures.events(
                text
                    ? "response/completions/stream.json"
                    : "own/response/completions/stream_parallel_tools.json")
            .stream()
            .filter(e -> !e.isDone())
            .toList();
    fromAnthropic = new AnthropicStreamMapper();
    fromOpenAi = new OpenAiStreamMapper();
  }

  /** One Anthropic stream event to OpenAI chat completion chunks. */
  @Benchmark
  public void anthropicEventToChatChunks(Blackhole out) {
    StreamEvent event =
        WireJson.read(anthropicEvents.get(anthropicNext++).data(), StreamEvent.class);
    for (ChatCompletionChunk chunk : fromAnthropic.map(event)) {
      out.consume(SseWriter.write(SseEvent.data(WireJson.write(chunk))));
    }
    if (anthropicNext == anthropicEvents.size()) {
      for (ChatCompletionChunk chunk : fromAnthropic.finish()) {
        out.consume(SseWriter.write(SseEvent.data(WireJson.write(chunk))));
      }
      out.consume(fromAnthropic.usage());
      fromAnthropic = new AnthropicStreamMapper();
      anthropicNext = 0;
    }
  }

  /** One OpenAI chat completion chunk to Anthropic stream events. */
  @Benchmark
  public void chatChunkToMessagesEvents(Blackhole out) {
    ChatCompletionChunk chunk =
        WireJson.read(openAiEvents.get(openAiNext++).data(), ChatCompletionChunk.class);
    write(fromOpenAi.map(chunk), out);
    if (openAiNext == openAiEvents.size()) {
      write(fromOpenAi.finish(), out);
      out.consume(fromOpenAi.usage());
      fromOpenAi = new OpenAiStreamMapper();
      openAiNext = 0;
    }
  }

  private static void write(List<StreamEvent> events, Blackhole out) {
    for (StreamEvent e : events) {
      out.consume(SseWriter.write(new SseEvent(e.type(), WireJson.write(e))));
    }
  }
}
