package io.agw.gateway.extproc;

/**
 * The processing service could not process the exchange: unreachable, the stream broke or ended
 * early, no answer in time, or an answer the gateway cannot apply. {@code failureMode} decides what
 * the client gets.
 */
final class ProcessorFailure extends RuntimeException {

  ProcessorFailure(String message, Throwable cause) {
    super(message, cause);
  }

  ProcessorFailure(String message) {
    super(message);
  }
}
