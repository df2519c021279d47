package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.UsageSink;
import io.agw.gateway.llm.provider.ChatChunkWriter;
import io.agw.gateway.llm.provider.MappedStream;
import io.agw.gateway.llm.provider.NamedEventWriter;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.MessagesRequest;
import io.agw.gateway.llm.wire.bedrock.ConverseResponse;
import io.agw.gateway.llm.wire.openai.ChatCompletionRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The translations of every front door to a Bedrock provider: chat completions, Messages and
 * Responses to Converse (ConverseStream for streams), {@code count_tokens} to Bedrock's
 * count-tokens, embeddings to the embedding model's InvokeModel body. Bedrock names no model in its
 * answers; the client sees the model the gateway called. Stateless and thread-safe.
 */
public final class BedrockTranslations {

  private static final BedrockRequestMapper TO_CONVERSE = new BedrockRequestMapper();
  private static final BedrockResponseMapper FROM_CONVERSE = new BedrockResponseMapper();
  private static final BedrockResponsesMapper RESPONSES_MAPPER = new BedrockResponsesMapper();

  private BedrockTranslations() {}

  public static Optional<Translation> of(ClientApi api) {
    return Optional.ofNullable(
        switch (api) {
          case COMPLETIONS -> CHAT;
          case MESSAGES -> MESSAGES;
          case RESPONSES -> RESPONSES;
          case COUNT_TOKENS -> COUNT_TOKENS;
          case EMBEDDINGS -> EMBEDDINGS;
          case MODELS, PASSTHROUGH -> null;
        });
  }

  private static byte[] bytes(Object value) {
    return WireJson.write(value).getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  private static String model(ObjectNode body) {
    return body.path("model").asString("");
  }

  /** A ConverseStream to a chat completions client. */
  private static StreamTranslator toChat(String model, boolean sendUsageChunk) {
    return new MappedStream<>(
        BedrockStreamDecoder.INSTANCE,
        new BedrockChatStreamMapper(model),
        new ChatChunkWriter(sendUsageChunk));
  }

  /** A ConverseStream to an Anthropic Messages client. */
  private static StreamTranslator toMessages(String model) {
    return new MappedStream<>(
        BedrockStreamDecoder.INSTANCE,
        new BedrockMessagesStreamMapper(model),
        NamedEventWriter.messages());
  }

  /** A front door whose errors go back in OpenAI's format. */
  private abstract static class ToOpenAi implements Translation {
    @Override
    public byte[] error(int status, byte[] upstream) {
      return bytes(BedrockErrors.toOpenAi(status, text(upstream)));
    }
  }

  /**
   * A Converse answer in the client's format: read, its usage recorded on {@code call}, and mapped
   * by {@code mapper} (the answer, the model the client asked for).
   */
  private static byte[] converse(
      byte[] upstream, UsageSink call, BiFunction<ConverseResponse, String, ?> mapper) {
    ConverseResponse response = WireJson.read(text(upstream), ConverseResponse.class);
    String model = call.responseModel();
    call.usage(FROM_CONVERSE.usage(response, model));
    return bytes(mapper.apply(response, model));
  }

  /** A front door whose errors go back in Anthropic's format. */
  private abstract static class ToAnthropic implements Translation {
    @Override
    public byte[] error(int status, byte[] upstream) {
      return bytes(BedrockErrors.toAnthropic(status, text(upstream)));
    }
  }

  private static final Translation CHAT =
      new ToOpenAi() {
        @Override
        public ClientApi upstreamApi() {
          return ClientApi.COMPLETIONS;
        }

        @Override
        public byte[] request(ObjectNode body) {
          ChatCompletionRequest request =
              WireJson.mapper().treeToValue(body, ChatCompletionRequest.class);
          return bytes(TO_CONVERSE.toConverse(request));
        }

        @Override
        public byte[] response(byte[] upstream, UsageSink call) {
          return converse(upstream, call, FROM_CONVERSE::toChatCompletion);
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          boolean usage = clientBody.path("stream_options").path("include_usage").asBoolean(false);
          return toChat(model(clientBody), usage);
        }
      };

  private static final Translation MESSAGES =
      new ToAnthropic() {
        @Override
        public ClientApi upstreamApi() {
          return ClientApi.MESSAGES;
        }

        @Override
        public byte[] request(ObjectNode body) {
          MessagesRequest request = WireJson.mapper().treeToValue(body, MessagesRequest.class);
          return bytes(TO_CONVERSE.toConverse(request));
        }

        @Override
        public byte[] response(byte[] upstream, UsageSink call) {
          return converse(upstream, call, FROM_CONVERSE::toMessages);
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          return toMessages(model(clientBody));
        }
      };

  private static final Translation RESPONSES =
      new ToOpenAi() {
        @Override
        public ClientApi upstreamApi() {
          return ClientApi.RESPONSES;
        }

        @Override
        public byte[] request(ObjectNode body) {
          return bytes(RESPONSES_MAPPER.toConverse(body));
        }

        @Override
        public byte[] response(byte[] upstream, UsageSink call) {
          return converse(upstream, call, RESPONSES_MAPPER::toResponse);
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          return new MappedStream<>(
              BedrockStreamDecoder.INSTANCE,
              new BedrockResponsesStreamMapper(model(clientBody)),
              NamedEventWriter.responses());
        }
      };

  private static final Translation COUNT_TOKENS =
      new ToAnthropic() {
        @Override
        public ClientApi upstreamApi() {
          return ClientApi.COUNT_TOKENS;
        }

        @Override
        public byte[] request(ObjectNode body) {
          return bytes(BedrockCountTokens.request(body));
        }

        @Override
        public byte[] response(byte[] upstream, UsageSink call) {
          return bytes(BedrockCountTokens.response(WireJson.tree(text(upstream))));
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          return toMessages(model(clientBody));
        }
      };

  private static final Translation EMBEDDINGS =
      new ToOpenAi() {
        @Override
        public ClientApi upstreamApi() {
          return ClientApi.EMBEDDINGS;
        }

        @Override
        public byte[] request(ObjectNode body) {
          return bytes(BedrockEmbeddings.request(body));
        }

        @Override
        public byte[] response(byte[] upstream, UsageSink call) {
          String model = call.responseModel();
          JsonNode converted = BedrockEmbeddings.response(WireJson.tree(text(upstream)), model);
          call.usage(BedrockEmbeddings.usage(converted, model));
          return bytes(converted);
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          return toChat(model(clientBody), false);
        }
      };
}
