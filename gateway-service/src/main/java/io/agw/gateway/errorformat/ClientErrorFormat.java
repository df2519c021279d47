package io.agw.gateway.errorformat;

/**
 * The error format of the API a client speaks on one exchange, for routes whose API has its own
 * (OpenAI's or Anthropic's on LLM routes). The feature that knows the API puts it in the exchange
 * attribute {@link #ATTRIBUTE} as early as it can; the traffic ports' error handler then writes
 * every error of that exchange (timeouts, body limits, backend failures) in it instead of the
 * gateway's own JSON error. Implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface ClientErrorFormat {

  /** The exchange attribute holding the format. */
  String ATTRIBUTE = ClientErrorFormat.class.getName();

  /** The response body of an error with this status and message. */
  byte[] body(int status, String message);
}
