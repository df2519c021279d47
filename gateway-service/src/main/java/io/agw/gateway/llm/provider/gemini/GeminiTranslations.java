package io.agw.gateway.llm.provider.gemini;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.UsageSink;
import io.agw.gateway.llm.provider.ChatChunkWriter;
import io.agw.gateway.llm.provider.MappedStream;
import io.agw.gateway.llm.provider.NamedEventWriter;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.provider.openai.ChatStreamDecoder;
import io.agw.gateway.llm.provider.openai.OpenAiRequestMapper;
import io.agw.gateway.llm.provider.openai.OpenAiResponseMapper;
import io.agw.gateway.llm.provider.openai.OpenAiStreamMapper;
import io.agw.gateway.llm.provider.openai.responses.ChatToResponsesMapper;
import io.agw.gateway.llm.provider.openai.responses.ChatToResponsesStreamMapper;
import io.agw.gateway.llm.provider.openai.responses.ResponsesToChatMapper;
import io.agw.gateway.llm.provider.openai.responses.ResponsesUsage;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.CountTokensResponse;
import io.agw.gateway.llm.wire.anthropic.MessagesRequest;
import io.agw.gateway.llm.wire.gemini.GenerateContentRequest;
import io.agw.gateway.llm.wire.gemini.GenerateContentResponse;
import io.agw.gateway.llm.wire.openai.ChatCompletionRequest;
import io.agw.gateway.llm.wire.openai.ChatCompletionResponse;
import io.agw.gateway.llm.wire.openai.ResponsesResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The translations of the Gemini dialect, for Google AI Studio and for Gemini models on Vertex AI
 * (which differ only in embeddings and token counting). Chat completions map directly; Anthropic
 * Messages go through chat completions on the way in and out (the Messages-to-chat mappers), so
 * Gemini is mapped in one place. Responses go to Gemini's OpenAI-compatible chat completions
 * endpoint (as chat completions bodies) and come back as Responses objects or events. Stateless.
 */
public final class GeminiTranslations {

  private static final GeminiRequestMapper TO_GEMINI = new GeminiRequestMapper();
  private static final GeminiResponseMapper FROM_GEMINI = new GeminiResponseMapper();
  private static final GeminiErrorMapper ERRORS = new GeminiErrorMapper();
  private static final GeminiEmbeddingsMapper EMBEDDINGS = new GeminiEmbeddingsMapper();
  private static final VertexEmbeddingsMapper VERTEX_EMBEDDINGS = new VertexEmbeddingsMapper();
  private static final OpenAiRequestMapper MESSAGES_TO_CHAT = new OpenAiRequestMapper();
  private static final OpenAiResponseMapper CHAT_TO_MESSAGES = new OpenAiResponseMapper();
  private static final ResponsesToChatMapper RESPONSES_TO_CHAT = new ResponsesToChatMapper();
  private static final ChatToResponsesMapper CHAT_TO_RESPONSES = new ChatToResponsesMapper();

  private GeminiTranslations() {}

  /**
   * @param vertex whether the Gemini model is hosted on Vertex AI
   */
  public static Optional<Translation> of(ClientApi api, boolean vertex) {
    Translation t =
        switch (api) {
          case COMPLETIONS -> CHAT;
          case MESSAGES -> MESSAGES;
          case EMBEDDINGS -> vertex ? VERTEX_EMBED : EMBED;
          case COUNT_TOKENS -> vertex ? VERTEX_COUNT : COUNT;
          case RESPONSES -> vertex ? VERTEX_RESPONSES : RESPONSES;
          case MODELS, PASSTHROUGH -> null;
        };
    return Optional.ofNullable(t);
  }

  static byte[] bytes(Object value) {
    return WireJson.write(value).getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** A Gemini answer as a chat completion, its usage recorded on {@code call}. */
  private static ChatCompletionResponse chat(byte[] upstream, UsageSink call) {
    GenerateContentResponse response = WireJson.read(text(upstream), GenerateContentResponse.class);
    String model = call.responseModel();
    call.usage(FROM_GEMINI.usage(response, model));
    return FROM_GEMINI.toChatCompletion(response, model);
  }

  private static GenerateContentRequest fromMessages(ObjectNode body) {
    MessagesRequest request = WireJson.mapper().treeToValue(body, MessagesRequest.class);
    return TO_GEMINI.toGenerateContent(MESSAGES_TO_CHAT.toChatCompletion(request));
  }

  private static final Translation CHAT =
      new Translation() {
        @Override
        public ClientApi upstreamApi() {
          return ClientApi.COMPLETIONS;
        }

        @Override
        public byte[] request(ObjectNode body) {
          ChatCompletionRequest request =
              WireJson.mapper().treeToValue(body, ChatCompletionRequest.class);
          return bytes(TO_GEMINI.toGenerateContent(request));
        }

        @Override
        public byte[] response(byte[] upstream, UsageSink call) {
          return bytes(chat(upstream, call));
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          boolean usage = clientBody.path("stream_options").path("include_usage").asBoolean(false);
          return new MappedStream<>(
              GeminiStreamDecoder.INSTANCE,
              new GeminiStreamMapper(clientBody.path("model").asString("")),
              new ChatChunkWriter(usage));
        }

        @Override
        public byte[] error(int status, byte[] upstream) {
          return bytes(ERRORS.toOpenAi(status, text(upstream)));
        }
      };

  private static final Translation MESSAGES =
      new Translation() {
        @Override
        public ClientApi upstreamApi() {
          return ClientApi.MESSAGES;
        }

        @Override
        public byte[] request(ObjectNode body) {
          return bytes(fromMessages(body));
        }

        @Override
        public byte[] response(byte[] upstream, UsageSink call) {
          return bytes(CHAT_TO_MESSAGES.toMessages(chat(upstream, call)));
        }

        @Override
        public StreamTranslator stream(ObjectNode clientBody) {
          // Gemini chunks become chat chunks, which become Messages events: the block bookkeeping
          // of a Messages stream is written once, in the OpenAI stream mapper.
          return new MappedStream<>(
              GeminiStreamDecoder.INSTANCE,
              new GeminiStreamMapper(clientBody.path("model").asString(""))
                  .andThen(new OpenAiStreamMapper()),
              NamedEventWriter.messages());
        }

        @Override
        public byte[] error(int status, byte[] upstream) {
          return bytes(ERRORS.toAnthropic(status, text(upstream)));
        }
      };

  /**
   * Responses through Gemini's OpenAI-compatible chat completions endpoint ({@link
   * ClientApi#RESPONSES} tells the adapter to call it); errors in Google's shape become OpenAI
   * errors.
   */
  private static final Translation RESPONSES = new Responses();

  /** Vertex's OpenAI-compatible endpoint names Gemini models with their publisher. */
  private static final Translation VERTEX_RESPONSES =
      new Responses() {
        @Override
        public byte[] request(ObjectNode body) {
          String model = body.path("model").asString("");
          if (!model.contains("/")) {
            body.put("model", "google/" + model);
          }
          return super.request(body);
        }
      };

  private static class Responses implements Translation {
    @Override
    public ClientApi upstreamApi() {
      return ClientApi.RESPONSES;
    }

    @Override
    public byte[] request(ObjectNode body) {
      return bytes(RESPONSES_TO_CHAT.toChat(body));
    }

    @Override
    public byte[] response(byte[] upstream, UsageSink call) {
      ResponsesResponse response =
          CHAT_TO_RESPONSES.toResponse(WireJson.tree(text(upstream)), call.responseModel());
      call.usage(ResponsesUsage.of(response));
      return bytes(response);
    }

    @Override
    public StreamTranslator stream(ObjectNode clientBody) {
      return new MappedStream<>(
          ChatStreamDecoder.TREES,
          new ChatToResponsesStreamMapper(clientBody.path("model").asString("")),
          NamedEventWriter.responses());
    }

    @Override
    public byte[] error(int status, byte[] upstream) {
      return bytes(ERRORS.toOpenAi(status, text(upstream)));
    }
  }

  /** Embeddings and token counting: OpenAI or Anthropic clients, never streamed. */
  private abstract static class Unary implements Translation {
    private final ClientApi api;
    private final boolean anthropicClient;

    Unary(ClientApi api, boolean anthropicClient) {
      this.api = api;
      this.anthropicClient = anthropicClient;
    }

    @Override
    public ClientApi upstreamApi() {
      return api;
    }

    @Override
    public StreamTranslator stream(ObjectNode clientBody) {
      throw new IllegalArgumentException("this endpoint does not stream");
    }

    @Override
    public byte[] error(int status, byte[] upstream) {
      return anthropicClient
          ? bytes(ERRORS.toAnthropic(status, text(upstream)))
          : bytes(ERRORS.toOpenAi(status, text(upstream)));
    }
  }

  private static final Translation EMBED =
      new Unary(ClientApi.EMBEDDINGS, false) {
        @Override
        public byte[] request(ObjectNode body) {
          return bytes(EMBEDDINGS.toBatchEmbed(body, body.path("model").asString("")));
        }

        @Override
        public byte[] response(byte[] upstream, UsageSink call) {
          ObjectNode out = EMBEDDINGS.toOpenAi(WireJson.tree(text(upstream)), call.responseModel());
          call.usage(ResponsesUsage.ofEmbeddings(out));
          return bytes(out);
        }
      };

  private static final Translation VERTEX_EMBED =
      new Unary(ClientApi.EMBEDDINGS, false) {
        @Override
        public byte[] request(ObjectNode body) {
          return bytes(VERTEX_EMBEDDINGS.toPredict(body));
        }

        @Override
        public byte[] response(byte[] upstream, UsageSink call) {
          ObjectNode out =
              VERTEX_EMBEDDINGS.toOpenAi(WireJson.tree(text(upstream)), call.responseModel());
          call.usage(ResponsesUsage.ofEmbeddings(out));
          return bytes(out);
        }
      };

  /** Gemini's {@code countTokens} answer as Anthropic's {@code count_tokens} answer. */
  private abstract static class Count extends Unary {
    Count() {
      super(ClientApi.COUNT_TOKENS, true);
    }

    @Override
    public byte[] response(byte[] upstream, UsageSink call) {
      JsonNode tree = WireJson.tree(text(upstream));
      return bytes(new CountTokensResponse(tree.path("totalTokens").asLong(0), null));
    }
  }

  private static final Translation COUNT =
      new Count() {
        @Override
        public byte[] request(ObjectNode body) {
          // AI Studio counts a whole generateContent request (system and tools included) only
          // when it is wrapped, with the model named in it.
          ObjectNode out = WireJson.nodes().objectNode();
          ObjectNode wrapped = (ObjectNode) WireJson.toTree(fromMessages(body));
          wrapped.put("model", "models/" + body.path("model").asString(""));
          out.set("generateContentRequest", wrapped);
          return bytes(out);
        }
      };

  private static final Translation VERTEX_COUNT =
      new Count() {
        @Override
        public byte[] request(ObjectNode body) {
          ObjectNode request = (ObjectNode) WireJson.toTree(fromMessages(body));
          request.remove("generationConfig");
          return bytes(request);
        }
      };
}
