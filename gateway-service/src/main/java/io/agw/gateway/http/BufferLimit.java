package io.agw.gateway.http;

import org.springframework.web.server.ServerWebExchange;

/**
 * The largest request body the gateway buffers for an exchange: {@code
 * frontendPolicies.http.maxBufferSize} of the port it arrived on (set on the exchange by the port's
 * handler), else the buffering feature's own limit. A body over it is refused with 413.
 */
public final class BufferLimit {

  /** The exchange attribute holding the port's {@code maxBufferSize} (an Integer), when set. */
  public static final String ATTRIBUTE = BufferLimit.class.getName();

  private BufferLimit() {}

  /** The limit for this exchange; {@code fallback} when the port sets none. */
  public static int of(ServerWebExchange exchange, int fallback) {
    Integer configured = exchange.getAttribute(ATTRIBUTE);
    return configured != null ? configured : fallback;
  }
}
