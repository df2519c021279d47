package io.agw.gateway.llm.provider;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.UsageSink;
import tools.jackson.databind.node.ObjectNode;

/**
 * One (client API x provider dialect) pair: how the request body, the response body, a stream and
 * an upstream error change on the way through. Implementations are stateless and thread-safe; the
 * stream translator they create is per response.
 */
public interface Translation {

  /** The endpoint called upstream. */
  ClientApi upstreamApi();

  /** The upstream request body for the (adjusted) client body; may change {@code body}. */
  byte[] request(ObjectNode body);

  /**
   * The client's body for a successful non-streamed upstream body; records usage on {@code call}.
   */
  byte[] response(byte[] upstream, UsageSink call);

  /**
   * A translator for a streamed response.
   *
   * @param clientBody the client's request body, before translation
   */
  StreamTranslator stream(ObjectNode clientBody);

  /** The client's error body for an upstream error response. */
  byte[] error(int status, byte[] upstream);
}
