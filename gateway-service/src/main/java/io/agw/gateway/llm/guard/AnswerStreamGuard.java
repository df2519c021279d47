package io.agw.gateway.llm.guard;

import reactor.core.publisher.Flux;

/** The response guards of one streamed answer, on the client's own stream. One per stream. */
public interface AnswerStreamGuard {

  /**
   * Guards a client stream: the SSE text the translator produced in, the SSE text to send out. A
   * rejection ends the output after its error event in the client's format, which cancels the
   * upstream.
   */
  Flux<String> guard(Flux<String> translated);
}
