package io.agw.gateway.llm.provider.anthropic;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.UsageSink;
import io.agw.gateway.llm.provider.ChatChunkWriter;
import io.agw.gateway.llm.provider.MappedStream;
import io.agw.gateway.llm.provider.NonJsonErrors;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.MessagesResponse;
import io.agw.gateway.llm.wire.openai.ChatCompletionRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The translations of the Anthropic dialect, for every provider that speaks it (Anthropic,
 * Copilot's Claude models, custom Anthropic-format providers, and Claude on Vertex AI inside its
 * envelope): Messages and token counting pass through; chat completions clients are mapped to
 * Messages and back. Responses and embeddings have no Anthropic endpoint. Stateless.
 */
public final class AnthropicTranslations {

  private static final AnthropicRequestMapper TO_ANTHROPIC = new AnthropicRequestMapper();
  private static final AnthropicResponseMapper FROM_ANTHROPIC = new AnthropicResponseMapper();
  private static final AnthropicErrorMapper ANTHROPIC_ERRORS = new AnthropicErrorMapper();

  private AnthropicTranslations() {}

  /** The translation for a client of {@code api}, or empty when Anthropic has no such endpoint. */
  public static Optional<Translation> of(ClientApi api) {
    return Optional.ofNullable(
        switch (api) {
          case COMPLETIONS -> CHAT_TO_ANTHROPIC;
          case MESSAGES -> MESSAGES_TO_ANTHROPIC;
          case COUNT_TOKENS -> COUNT_TOKENS;
          case RESPONSES, EMBEDDINGS, MODELS, PASSTHROUGH -> null;
        });
  }

  private static byte[] bytes(Object value) {
    return WireJson.write(value).getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  private static boolean clientAskedUsage(ObjectNode body) {
    return body.path("stream_options").path("include_usage").asBoolean(false);
  }

  /**
   * Bodies that pass unchanged between one dialect's client and provider; an error body that is not
   * a JSON object (a proxy's HTML page, plain text) is wrapped in the dialect's error format.
   */
  private abstract static class SameDialect implements Translation {
    @Override
    public byte[] request(ObjectNode body) {
      return bytes(body);
    }

    @Override
    public byte[] error(int status, byte[] upstream) {
      return NonJsonErrors.wrap(Dialect.ANTHROPIC, status, upstream);
    }
  }

  private static final Translation CHAT_TO_ANTHROPIC =
      new Translation() {
        @Override
        public ClientApi upstreamApi() {
          return ClientApi.MESSAGES;
        }

        @Override
        public byte[] request(ObjectNode body) {
          ChatCompletionRequest request =
              WireJson.mapper().treeToValue(body, ChatCompletionRequest.class);
          return bytes(TO_ANTHROPIC.toMessages(request));
        }

        @Override
        public byte[] response(byte[] upstream, UsageSink call) {
          MessagesResponse response = WireJson.read(text(upstream), MessagesResponse.class);
          call.usage(FROM_ANTHROPIC.usage(response));
          return bytes(FROM_ANTHROPIC.toChatCompletion(response));
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          return new MappedStream<>(
              AnthropicStreamDecoder.INSTANCE,
              new AnthropicStreamMapper(),
              new ChatChunkWriter(clientAskedUsage(clientBody)));
        }

        @Override
        public byte[] error(int status, byte[] upstream) {
          return bytes(ANTHROPIC_ERRORS.toOpenAi(status, text(upstream)));
        }
      };

  private static final Translation MESSAGES_TO_ANTHROPIC =
      new SameDialect() {
        @Override
        public ClientApi upstreamApi() {
          return ClientApi.MESSAGES;
        }

        @Override
        public byte[] response(byte[] upstream, UsageSink call) {
          call.usage(FROM_ANTHROPIC.usage(WireJson.read(text(upstream), MessagesResponse.class)));
          return upstream;
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          return new AnthropicMessagesStream();
        }
      };

  private static final Translation COUNT_TOKENS =
      new SameDialect() {
        @Override
        public ClientApi upstreamApi() {
          return ClientApi.COUNT_TOKENS;
        }

        @Override
        public byte[] response(byte[] upstream, UsageSink call) {
          return upstream;
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          return new AnthropicMessagesStream();
        }
      };
}
