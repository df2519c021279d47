package io.agw.gateway.llm.guard;

import io.agw.gateway.llm.provider.OutboundRequest;
import io.agw.gateway.llm.provider.UpstreamCredentials;
import reactor.core.publisher.Mono;

/**
 * A guard service's static key, sent in one header of every call ({@code Authorization: Bearer
 * <key>} for OpenAI and Google, {@code Ocp-Apim-Subscription-Key} for Azure). Its {@code toString}
 * never shows the key. Immutable.
 */
final class GuardKey implements UpstreamCredentials {

  private final String header;
  private final String value;

  private GuardKey(String header, String value) {
    this.header = header;
    this.value = value;
  }

  /** The key as a bearer token in {@code Authorization}. */
  static GuardKey bearer(String key) {
    return new GuardKey("Authorization", "Bearer " + key);
  }

  /** The key as the whole value of {@code header}. */
  static GuardKey inHeader(String header, String key) {
    return new GuardKey(header, key);
  }

  @Override
  public Mono<Void> apply(OutboundRequest request) {
    request.headers().set(header, value);
    return Mono.empty();
  }

  @Override
  public String toString() {
    return "GuardKey[" + header + "]";
  }
}
