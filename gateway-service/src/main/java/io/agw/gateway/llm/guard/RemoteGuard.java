package io.agw.gateway.llm.guard;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * A guard that asks a service (a webhook, a moderation or content safety API) about the texts of a
 * request or an answer. Built once per configuration state; thread-safe.
 *
 * <p>The Mono may fail when the service cannot be reached, answers with an error status or with a
 * body it cannot read; {@link PromptGuards} then applies {@link #failOpen()}: a guard that fails
 * open lets the content pass (recorded as {@code failOpen}), one that fails closed refuses it with
 * 503. A guard must never put the texts it read, or its credentials, in the failure's message.
 */
public interface RemoteGuard {

  /** The guard's kind as the configuration and telemetry name it ({@code webhook}, ...). */
  String kind();

  /**
   * Checks {@code texts} (the texts in the guard's scope, in the order they appear in the body) of
   * one phase; an empty list is never passed. A {@link Verdict.Mask} must hold as many texts as it
   * was given.
   */
  Mono<Verdict> check(GuardPhase phase, List<GuardText> texts, GuardContext context);

  /** Whether content passes when the service fails ({@code failureMode: failOpen}). */
  boolean failOpen();
}
