package io.agw.gateway.llm.bench;

import io.agw.gateway.llm.provider.gemini.GeminiRequestMapper;
import io.agw.gateway.llm.provider.gemini.GeminiResponseMapper;
import io.agw.gateway.llm.provider.gemini.GeminiStreamMapper;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.gemini.GenerateContentResponse;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import io.agw.gateway.llm.wire.openai.ChatCompletionRequest;
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
 * The Gemini mappers as the gateway runs them per call: an OpenAI chat request read, mapped to
 * {@code generateContent} and written; a Gemini response read, mapped to a chat completion (usage
 * included) and written; and one Gemini stream chunk read, mapped and written as SSE chunks, the
 * recorded stream replayed in order with a new mapper at each start. {@code kind}: {@code text}
 * (one user turn; a text answer) or {@code tools} (multi-turn with tools, tool calls in the answer
 * and stream, reasoning in the stream).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GeminiMapperBenchmark {

  @Param({"text", "tools"})
  public String kind;

  private final GeminiRequestMapper toGemini = new GeminiRequestMapper();
  private final GeminiResponseMapper fromGemini = new GeminiResponseMapper();
  private String request;
  private String response;
  private List<SseEvent> events;
  private GeminiStreamMapper stream;
  private int next;

  @Setup
  public void load() {
    boolean text = "text".equals(kind);
    request =
        Fixtures.text(
            text
                ? "requests/completions/basic.json"
                : "requests/completions/multi-turn-tools.json");
    response =
        Fixtures.text(
            text ? "response/vertex-gemini/basic.json" : "response/vertex-gemini/tool.json");
    events =
        Fixtures.events(
            text
                ? "own/response/gemini/stream_basic.json"
                : "own/response/gemini/stream_tools.json");
  }

  /** OpenAI chat request to Gemini {@code generateContent}. */
  @Benchmark
  public String chatToGemini() {
    return WireJson.write(
        toGemini.toGenerateContent(WireJson.read(request, ChatCompletionRequest.class)));
  }

  /** Gemini response to an OpenAI chat completion. */
  @Benchmark
  public String geminiToChat() {
    GenerateContentResponse parsed = WireJson.read(response, GenerateContentResponse.class);
    fromGemini.usage(parsed, "gemini");
    return WireJson.write(fromGemini.toChatCompletion(parsed, "gemini"));
  }

  /** One Gemini stream chunk to OpenAI chat chunks as SSE text. */
  @Benchmark
  public void geminiChunkToChatChunks(Blackhole out) {
    if (next == 0) {
      stream = new GeminiStreamMapper("gemini");
    }
    SseEvent event = events.get(next);
    next = (next + 1) % events.size();
    for (ChatCompletionChunk chunk :
        stream.map(WireJson.read(event.data(), GenerateContentResponse.class))) {
      out.consume(SseWriter.write(SseEvent.data(WireJson.write(chunk))));
    }
  }
}
