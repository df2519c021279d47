package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.wire.bedrock.ConverseStreamEvent;
import java.util.List;

/**
 * A stateful mapper of one ConverseStream to the events of one client API. One instance per
 * response; not thread-safe.
 *
 * @param <E> the client API's event type
 */
interface ConverseStreamMapper<E> {

  /**
   * The client events for one upstream event; throws {@code StreamErrorException} on an exception
   * frame.
   */
  List<E> map(ConverseStreamEvent event);

  /** The client events when the upstream ends. */
  List<E> finish();

  /** Whether Converse said the message is complete. */
  boolean stopped();

  /** The usage seen so far. */
  TokenUsage usage();
}
