package io.agw.gateway.exchange;

import reactor.core.publisher.Mono;

/**
 * A limit on how long a streamed LLM answer may run, put in the exchange attribute {@link
 * #ATTRIBUTE} by a policy (budgets) before the call is sent. The LLM response decorator asks it
 * after each piece of the client's stream; when it answers with a message, the stream ends with an
 * error event in the client's format carrying that message, and the upstream is cancelled.
 */
public interface StreamAllowance {

  /** The exchange attribute holding the allowance. */
  String ATTRIBUTE = StreamAllowance.class.getName();

  /** Empty to go on; the reason the stream must end now otherwise. */
  Mono<String> check();
}
