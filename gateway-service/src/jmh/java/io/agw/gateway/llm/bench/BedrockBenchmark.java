package io.agw.gateway.llm.bench;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.provider.bedrock.AwsEventStreamFraming;
import io.agw.gateway.llm.provider.bedrock.BedrockRequestMapper;
import io.agw.gateway.llm.provider.bedrock.BedrockResponseMapper;
import io.agw.gateway.llm.registry.Translations;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.MessagesRequest;
import io.agw.gateway.llm.wire.bedrock.ConverseResponse;
import io.agw.gateway.llm.wire.openai.ChatCompletionRequest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bedrock translation as the gateway runs it per call: requests (JSON text to a Converse body as
 * JSON text), responses (Converse JSON to the client's JSON), and ConverseStream. The stream
 * benchmarks take the recorded binary event stream with text and two tool calls ({@code tool.bin},
 * 12 frames, 1.9 KB) in 64-byte pieces, so frames span reads as on the network: {@code
 * eventStreamDecode} only frames it with the AWS SDK's codec, {@code streamToChat} and {@code
 * streamToMessages} also map every event and write the client's SSE. One stream per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BedrockBenchmark {

  private static final int PIECE = 64;

  private final BedrockRequestMapper toConverse = new BedrockRequestMapper();
  private final BedrockResponseMapper fromConverse = new BedrockResponseMapper();
  private String chatRequest;
  private String messagesRequest;
  private String converseResponse;
  private byte[][] stream;

  @Setup
  public void load() {
    chatRequest = Fixtures.text("requests/completions/tool-call.json");
    messagesRequest = Fixtures.text("requests/messages/tools.json");
    converseResponse = Fixtures.text("response/bedrock/tool.json");
    byte[] bin = Fixtures.bytes("response/bedrock/tool.bin");
    int pieces = (bin.length + PIECE - 1) / PIECE;
    stream = new byte[pieces][];
    for (int i = 0; i < pieces; i++) {
      stream[i] =
          java.util.Arrays.copyOfRange(bin, i * PIECE, Math.min(bin.length, (i + 1) * PIECE));
    }
  }

  /** OpenAI chat request (tool history) to a Converse body. */
  @Benchmark
  public String chatToConverse() {
    return WireJson.write(
        toConverse.toConverse(WireJson.read(chatRequest, ChatCompletionRequest.class)));
  }

  /** Anthropic Messages request (with a tool) to a Converse body. */
  @Benchmark
  public String messagesToConverse() {
    return WireJson.write(
        toConverse.toConverse(WireJson.read(messagesRequest, MessagesRequest.class)));
  }

  /** Converse response (two tool calls) to an OpenAI chat completion, usage included. */
  @Benchmark
  public void converseToChat(Blackhole out) {
    ConverseResponse response = WireJson.read(converseResponse, ConverseResponse.class);
    out.consume(fromConverse.usage(response, "m"));
    out.consume(WireJson.write(fromConverse.toChatCompletion(response, "m")));
  }

  /** Converse response to an Anthropic Messages response, usage included. */
  @Benchmark
  public void converseToMessages(Blackhole out) {
    ConverseResponse response = WireJson.read(converseResponse, ConverseResponse.class);
    out.consume(fromConverse.usage(response, "m"));
    out.consume(WireJson.write(fromConverse.toMessages(response, "m")));
  }

  /** Framing a whole ConverseStream with the event-stream codec (CRC checks included). */
  @Benchmark
  public void eventStreamDecode(Blackhole out) {
    AwsEventStreamFraming framing = new AwsEventStreamFraming();
    for (byte[] piece : stream) {
      out.consume(framing.feed(piece));
    }
  }

  /** A whole ConverseStream to OpenAI chat completion SSE. */
  @Benchmark
  public void streamToChat(Blackhole out) {
    translate(stream(ClientApi.COMPLETIONS), out);
  }

  /** A whole ConverseStream to Anthropic Messages SSE. */
  @Benchmark
  public void streamToMessages(Blackhole out) {
    translate(stream(ClientApi.MESSAGES), out);
  }

  /** The translator the gateway builds for a streaming client of {@code api} (usage asked). */
  private static StreamTranslator stream(ClientApi api) {
    ObjectNode body = WireJson.nodes().objectNode().put("model", "m").put("stream", true);
    body.withObject("stream_options").put("include_usage", true);
    return Translations.of(api, Dialect.BEDROCK).orElseThrow().stream(body);
  }

  private void translate(StreamTranslator translator, Blackhole out) {
    for (byte[] piece : stream) {
      out.consume(translator.onBytes(piece));
    }
    out.consume(translator.onEnd());
    out.consume(translator.usage());
  }
}
