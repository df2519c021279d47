package io.agw.gateway.llm;

/**
 * Thrown by a stream mapper when the upstream reports an error inside a stream that already started
 * (for example Anthropic's {@code overloaded_error} event). The caller ends the client's stream
 * with an error event in the client's own format, built from {@link #errorType()} and {@link
 * #getMessage()}.
 */
public final class StreamErrorException extends RuntimeException {

  private final String errorType;

  public StreamErrorException(String errorType, String message) {
    super(message);
    this.errorType = errorType;
  }

  /** The upstream's error type, for example {@code overloaded_error}. */
  public String errorType() {
    return errorType;
  }
}
