package io.agw.gateway.security.extauthz;

import reactor.core.publisher.Mono;

/** One way of asking the service (gRPC or HTTP). Implementations are immutable, thread-safe. */
interface AuthorizationCheck {

  /** The decision; never an error (a failed call is {@link Decision.Unavailable}). */
  Mono<Decision> check(CheckInput input);
}
