package io.agw.gateway.llm.provider.openai;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.UsageSink;
import io.agw.gateway.llm.provider.MappedStream;
import io.agw.gateway.llm.provider.NamedEventWriter;
import io.agw.gateway.llm.provider.NonJsonErrors;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.provider.openai.responses.ResponsesStream;
import io.agw.gateway.llm.provider.openai.responses.ResponsesUsage;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.MessagesRequest;
import io.agw.gateway.llm.wire.openai.ChatCompletionResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The translations of the OpenAI dialect, for every provider that speaks it (OpenAI, Azure OpenAI,
 * Copilot's GPT models, custom and preset OpenAI-compatible providers): chat completions, Responses
 * and embeddings pass through; Anthropic Messages clients are mapped to chat completions and back.
 * Token counting has no OpenAI endpoint. Stateless.
 */
public final class OpenAiTranslations {

  private static final OpenAiRequestMapper TO_OPENAI = new OpenAiRequestMapper();
  private static final OpenAiResponseMapper FROM_OPENAI = new OpenAiResponseMapper();
  private static final OpenAiErrorMapper OPENAI_ERRORS = new OpenAiErrorMapper();

  private OpenAiTranslations() {}

  /** The translation for a client of {@code api}, or empty when OpenAI has no such endpoint. */
  public static Optional<Translation> of(ClientApi api) {
    return Optional.ofNullable(
        switch (api) {
          case COMPLETIONS -> CHAT_TO_OPENAI;
          case MESSAGES -> MESSAGES_TO_OPENAI;
          case RESPONSES -> RESPONSES;
          case EMBEDDINGS -> EMBEDDINGS;
          case COUNT_TOKENS, MODELS, PASSTHROUGH -> null;
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

  /** Asks an OpenAI upstream for usage in a stream. */
  private static void requestStreamUsage(ObjectNode body) {
    if (body.path("stream").asBoolean(false)) {
      body.withObject("stream_options").put("include_usage", true);
    }
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
      return NonJsonErrors.wrap(Dialect.OPENAI, status, upstream);
    }
  }

  private static final Translation CHAT_TO_OPENAI =
      new SameDialect() {
        @Override
        public ClientApi upstreamApi() {
          return ClientApi.COMPLETIONS;
        }

        @Override
        public byte[] request(ObjectNode body) {
          if (clientAskedUsage(body)) {
            return bytes(body);
          }
          ObjectNode upstream = body.deepCopy();
          requestStreamUsage(upstream);
          return bytes(upstream);
        }

        @Override
        public byte[] response(byte[] upstream, UsageSink call) {
          call.usage(
              FROM_OPENAI.usage(WireJson.read(text(upstream), ChatCompletionResponse.class)));
          return upstream;
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          return new OpenAiChatStream(!clientAskedUsage(clientBody));
        }
      };

  private static final Translation MESSAGES_TO_OPENAI =
      new Translation() {
        @Override
        public ClientApi upstreamApi() {
          return ClientApi.COMPLETIONS;
        }

        @Override
        public byte[] request(ObjectNode body) {
          MessagesRequest request = WireJson.mapper().treeToValue(body, MessagesRequest.class);
          ObjectNode upstream = (ObjectNode) WireJson.toTree(TO_OPENAI.toChatCompletion(request));
          requestStreamUsage(upstream);
          return bytes(upstream);
        }

        @Override
        public byte[] response(byte[] upstream, UsageSink call) {
          ChatCompletionResponse response =
              WireJson.read(text(upstream), ChatCompletionResponse.class);
          call.usage(FROM_OPENAI.usage(response));
          return bytes(FROM_OPENAI.toMessages(response));
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          return new MappedStream<>(
              ChatStreamDecoder.CHUNKS, new OpenAiStreamMapper(), NamedEventWriter.messages());
        }

        @Override
        public byte[] error(int status, byte[] upstream) {
          return bytes(OPENAI_ERRORS.toAnthropic(status, text(upstream)));
        }
      };

  private static final Translation RESPONSES =
      new SameDialect() {
        @Override
        public ClientApi upstreamApi() {
          return ClientApi.RESPONSES;
        }

        @Override
        public byte[] response(byte[] upstream, UsageSink call) {
          call.usage(ResponsesUsage.of(WireJson.tree(text(upstream))));
          return upstream;
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          return new ResponsesStream();
        }
      };

  private static final Translation EMBEDDINGS =
      new SameDialect() {
        @Override
        public ClientApi upstreamApi() {
          return ClientApi.EMBEDDINGS;
        }

        @Override
        public byte[] response(byte[] upstream, UsageSink call) {
          call.usage(ResponsesUsage.ofEmbeddings(WireJson.tree(text(upstream))));
          return upstream;
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          return new OpenAiChatStream(false);
        }
      };
}
