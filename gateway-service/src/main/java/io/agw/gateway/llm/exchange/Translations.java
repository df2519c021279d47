package io.agw.gateway.llm.exchange;

import io.agw.gateway.llm.ClientApi;
import io.agw.gateway.llm.Dialect;
import io.agw.gateway.llm.ProviderKind;
import io.agw.gateway.llm.exchange.stream.AnthropicMessagesStream;
import io.agw.gateway.llm.exchange.stream.AnthropicToChatStream;
import io.agw.gateway.llm.exchange.stream.ChatToMessagesStream;
import io.agw.gateway.llm.exchange.stream.OpenAiChatStream;
import io.agw.gateway.llm.exchange.stream.ResponsesStream;
import io.agw.gateway.llm.exchange.stream.StreamTranslator;
import io.agw.gateway.llm.provider.anthropic.AnthropicErrorMapper;
import io.agw.gateway.llm.provider.anthropic.AnthropicRequestMapper;
import io.agw.gateway.llm.provider.anthropic.AnthropicResponseMapper;
import io.agw.gateway.llm.provider.openai.OpenAiErrorMapper;
import io.agw.gateway.llm.provider.openai.OpenAiRequestMapper;
import io.agw.gateway.llm.provider.openai.OpenAiResponseMapper;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.MessagesRequest;
import io.agw.gateway.llm.wire.anthropic.MessagesResponse;
import io.agw.gateway.llm.wire.openai.ChatCompletionRequest;
import io.agw.gateway.llm.wire.openai.ChatCompletionResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one switch from (client API, provider dialect) to its {@link Translation}. A pair that has no
 * translation (Responses or Embeddings to Anthropic, token counting on an OpenAI provider) is
 * empty; the caller answers 400 in the client's format.
 */
public final class Translations {

  private static final AnthropicRequestMapper TO_ANTHROPIC = new AnthropicRequestMapper();
  private static final AnthropicResponseMapper FROM_ANTHROPIC = new AnthropicResponseMapper();
  private static final AnthropicErrorMapper ANTHROPIC_ERRORS = new AnthropicErrorMapper();
  private static final OpenAiRequestMapper TO_OPENAI = new OpenAiRequestMapper();
  private static final OpenAiResponseMapper FROM_OPENAI = new OpenAiResponseMapper();
  private static final OpenAiErrorMapper OPENAI_ERRORS = new OpenAiErrorMapper();

  private Translations() {}

  /**
   * The translation for a request to {@code provider} for {@code model} (the model sent upstream):
   * by the dialect the provider speaks for that model, in the provider's envelope.
   */
  public static Optional<Translation> of(ClientApi api, LlmProvider provider, String model) {
    Dialect dialect = provider.kind().adapter().dialect(provider.config(), model);
    boolean vertex = provider.kind() == ProviderKind.VERTEX;
    if (dialect == Dialect.GEMINI) {
      return GeminiTranslations.of(api, vertex);
    }
    Optional<Translation> t = of(api, dialect);
    return vertex ? t.map(VertexAnthropicTranslation::new) : t;
  }

  /** The translation for a client API and a provider dialect with no envelope. */
  public static Optional<Translation> of(ClientApi api, Dialect provider) {
    if (provider == Dialect.GEMINI) {
      return GeminiTranslations.of(api, false);
    }
    if (provider == Dialect.BEDROCK) {
      return BedrockTranslations.of(api);
    }
    Translation t =
        switch (api) {
          case COMPLETIONS -> provider == Dialect.OPENAI ? CHAT_TO_OPENAI : CHAT_TO_ANTHROPIC;
          case MESSAGES ->
              provider == Dialect.ANTHROPIC ? MESSAGES_TO_ANTHROPIC : MESSAGES_TO_OPENAI;
          case COUNT_TOKENS -> provider == Dialect.ANTHROPIC ? COUNT_TOKENS : null;
          case RESPONSES -> provider == Dialect.OPENAI ? RESPONSES : null;
          case EMBEDDINGS -> provider == Dialect.OPENAI ? EMBEDDINGS : null;
          case MODELS, PASSTHROUGH -> null;
        };
    return Optional.ofNullable(t);
  }

  private static byte[] bytes(Object value) {
    return WireJson.write(value).getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Asks an OpenAI upstream for usage in a stream. */
  private static void requestStreamUsage(ObjectNode body) {
    if (body.path("stream").asBoolean(false)) {
      body.withObject("stream_options").put("include_usage", true);
    }
  }

  private static boolean clientAskedUsage(ObjectNode body) {
    return body.path("stream_options").path("include_usage").asBoolean(false);
  }

  /**
   * Bodies that pass unchanged between one dialect's client and provider; an error body that is not
   * a JSON object (a proxy's HTML page, plain text) is wrapped in the dialect's error format.
   */
  private abstract static class SameDialect implements Translation {
    private final Dialect dialect;

    SameDialect(Dialect dialect) {
      this.dialect = dialect;
    }

    @Override
    public byte[] request(ObjectNode body) {
      return bytes(body);
    }

    @Override
    public byte[] error(int status, byte[] upstream) {
      return NonJsonErrors.wrap(dialect, status, upstream);
    }
  }

  private static final Translation CHAT_TO_OPENAI =
      new SameDialect(Dialect.OPENAI) {
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
        public byte[] response(byte[] upstream, LlmCall call) {
          call.usage(
              FROM_OPENAI.usage(WireJson.read(text(upstream), ChatCompletionResponse.class)));
          return upstream;
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          return new OpenAiChatStream(!clientAskedUsage(clientBody));
        }
      };

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
        public byte[] response(byte[] upstream, LlmCall call) {
          MessagesResponse response = WireJson.read(text(upstream), MessagesResponse.class);
          call.usage(FROM_ANTHROPIC.usage(response));
          return bytes(FROM_ANTHROPIC.toChatCompletion(response));
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          return new AnthropicToChatStream(clientAskedUsage(clientBody));
        }

        @Override
        public byte[] error(int status, byte[] upstream) {
          return bytes(ANTHROPIC_ERRORS.toOpenAi(status, text(upstream)));
        }
      };

  private static final Translation MESSAGES_TO_ANTHROPIC =
      new SameDialect(Dialect.ANTHROPIC) {
        @Override
        public ClientApi upstreamApi() {
          return ClientApi.MESSAGES;
        }

        @Override
        public byte[] response(byte[] upstream, LlmCall call) {
          call.usage(FROM_ANTHROPIC.usage(WireJson.read(text(upstream), MessagesResponse.class)));
          return upstream;
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          return new AnthropicMessagesStream();
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
        public byte[] response(byte[] upstream, LlmCall call) {
          ChatCompletionResponse response =
              WireJson.read(text(upstream), ChatCompletionResponse.class);
          call.usage(FROM_OPENAI.usage(response));
          return bytes(FROM_OPENAI.toMessages(response));
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          return new ChatToMessagesStream();
        }

        @Override
        public byte[] error(int status, byte[] upstream) {
          return bytes(OPENAI_ERRORS.toAnthropic(status, text(upstream)));
        }
      };

  private static final Translation COUNT_TOKENS =
      new SameDialect(Dialect.ANTHROPIC) {
        @Override
        public ClientApi upstreamApi() {
          return ClientApi.COUNT_TOKENS;
        }

        @Override
        public byte[] response(byte[] upstream, LlmCall call) {
          return upstream;
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          return new AnthropicMessagesStream();
        }
      };

  private static final Translation RESPONSES =
      new SameDialect(Dialect.OPENAI) {
        @Override
        public ClientApi upstreamApi() {
          return ClientApi.RESPONSES;
        }

        @Override
        public byte[] response(byte[] upstream, LlmCall call) {
          call.usage(ResponsesUsage.of(WireJson.tree(text(upstream))));
          return upstream;
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          return new ResponsesStream();
        }
      };

  private static final Translation EMBEDDINGS =
      new SameDialect(Dialect.OPENAI) {
        @Override
        public ClientApi upstreamApi() {
          return ClientApi.EMBEDDINGS;
        }

        @Override
        public byte[] response(byte[] upstream, LlmCall call) {
          call.usage(ResponsesUsage.ofEmbeddings(WireJson.tree(text(upstream))));
          return upstream;
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          return new OpenAiChatStream(false);
        }
      };
}
