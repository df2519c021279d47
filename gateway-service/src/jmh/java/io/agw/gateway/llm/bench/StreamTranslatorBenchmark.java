package io.agw.gateway.llm.bench;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.registry.Translations;
import io.agw.gateway.llm.wire.WireJson;
import java.util.Arrays;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * A whole upstream stream through the translator the gateway builds for a (client API, provider
 * dialect) pair, as {@code LlmResponseDecorator} drives it: the recorded upstream bytes in 64-byte
 * pieces (so events span reads, as on the network), framed, decoded, mapped and written as the
 * client's SSE text, then the end of the stream and the usage. One stream per operation. The client
 * asked for the usage chunk ({@code include_usage}). Streams: text and two parallel tool calls for
 * Anthropic and OpenAI chat upstreams, text and a tool call for Gemini and Bedrock.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StreamTranslatorBenchmark {

  private static final int PIECE = 64;

  /** {@code CLIENT_API->PROVIDER_DIALECT}. */
  @Param({
    "COMPLETIONS->ANTHROPIC",
    "MESSAGES->ANTHROPIC",
    "COMPLETIONS->OPENAI",
    "MESSAGES->OPENAI",
    "COMPLETIONS->GEMINI",
    "MESSAGES->GEMINI",
    "RESPONSES->GEMINI",
    "COMPLETIONS->BEDROCK",
    "MESSAGES->BEDROCK",
    "RESPONSES->BEDROCK"
  })
  public String pair;

  private Translation translation;
  private ObjectNode clientBody;
  private byte[][] pieces;

  @Setup
  public void load() {
    String[] parts = pair.split("->");
    ClientApi api = ClientApi.valueOf(parts[0]);
    Dialect provider = Dialect.valueOf(parts[1]);
    translation = Translations.of(api, provider).orElseThrow();
    clientBody = WireJson.nodes().objectNode().put("model", "m").put("stream", true);
    clientBody.withObject("stream_options").put("include_usage", true);
    byte[] upstream =
        Fixtures.bytes(
            switch (provider) {
              case ANTHROPIC -> "own/response/anthropic/stream_parallel_tools.json";
              case OPENAI -> "own/response/completions/stream_parallel_tools.json";
              case GEMINI ->
                  api == ClientApi.RESPONSES
                      ? "own/response/completions/stream_parallel_tools.json"
                      : "own/response/gemini/stream_tools.json";
              case BEDROCK -> "response/bedrock/tool.bin";
            });
    int count = (upstream.length + PIECE - 1) / PIECE;
    pieces = new byte[count][];
    for (int i = 0; i < count; i++) {
      pieces[i] =
          Arrays.copyOfRange(upstream, i * PIECE, Math.min(upstream.length, (i + 1) * PIECE));
    }
  }

  /** One whole stream, upstream bytes to the client's SSE text. */
  @Benchmark
  public void wholeStream(Blackhole out) {
    StreamTranslator translator = translation.stream(clientBody);
    for (byte[] piece : pieces) {
      out.consume(translator.onBytes(piece));
    }
    out.consume(translator.onEnd());
    out.consume(translator.usage());
  }
}
