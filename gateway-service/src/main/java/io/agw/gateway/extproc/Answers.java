package io.agw.gateway.extproc;

import io.envoyproxy.envoy.service.ext_proc.v3.BodyMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;

/**
 * What the processing service's answers mean for the exchange, as agentgateway reads them. Pure
 * functions; stateless.
 */
final class Answers {

  private static final byte[] NONE = new byte[0];

  private Answers() {}

  /** A piece of a streamed body and whether it is the last one. */
  record Chunk(byte[] bytes, boolean last) {}

  /** The common part of a headers or body answer (empty for the other kinds). */
  static CommonResponse common(ProcessingResponse answer) {
    return switch (answer.getResponseCase()) {
      case REQUEST_HEADERS -> answer.getRequestHeaders().getResponse();
      case RESPONSE_HEADERS -> answer.getResponseHeaders().getResponse();
      case REQUEST_BODY -> answer.getRequestBody().getResponse();
      case RESPONSE_BODY -> answer.getResponseBody().getResponse();
      default -> CommonResponse.getDefaultInstance();
    };
  }

  /**
   * The answer to a headers message: the common response to apply.
   *
   * @throws ImmediateAnswer when the service answers the client itself
   */
  static CommonResponse headers(ProcessingResponse answer) {
    if (answer.hasImmediateResponse()) {
      throw new ImmediateAnswer(answer.getImmediateResponse());
    }
    return common(answer);
  }

  /**
   * An answer while a body streams full duplex: the service's {@code streamed_response} chunks are
   * the body; a whole {@code body} replaces it and ends it, as do {@code clear_body}, a body answer
   * without a mutation and a trailers answer. Other answers add nothing.
   *
   * @throws ImmediateAnswer when the service answers the client itself
   */
  static Chunk streamed(ProcessingResponse answer) {
    switch (answer.getResponseCase()) {
      case IMMEDIATE_RESPONSE -> throw new ImmediateAnswer(answer.getImmediateResponse());
      case REQUEST_BODY, RESPONSE_BODY -> {
        BodyMutation mutation = common(answer).getBodyMutation();
        return switch (mutation.getMutationCase()) {
          case STREAMED_RESPONSE ->
              new Chunk(
                  mutation.getStreamedResponse().getBody().toByteArray(),
                  mutation.getStreamedResponse().getEndOfStream());
          case BODY -> new Chunk(mutation.getBody().toByteArray(), true);
          case CLEAR_BODY, MUTATION_NOT_SET -> new Chunk(NONE, true);
        };
      }
      case REQUEST_TRAILERS, RESPONSE_TRAILERS -> {
        return new Chunk(NONE, true);
      }
      default -> {
        return new Chunk(NONE, false);
      }
    }
  }

  /**
   * The body after the answer to a buffered body: replaced, cleared, or {@code original} when the
   * service changed nothing.
   *
   * @throws ImmediateAnswer when the service answers the client itself
   */
  static byte[] buffered(ProcessingResponse answer, byte[] original) {
    if (answer.hasImmediateResponse()) {
      throw new ImmediateAnswer(answer.getImmediateResponse());
    }
    BodyMutation mutation = common(answer).getBodyMutation();
    return switch (mutation.getMutationCase()) {
      case BODY -> mutation.getBody().toByteArray();
      case STREAMED_RESPONSE -> mutation.getStreamedResponse().getBody().toByteArray();
      case CLEAR_BODY -> NONE;
      case MUTATION_NOT_SET -> original;
    };
  }
}
