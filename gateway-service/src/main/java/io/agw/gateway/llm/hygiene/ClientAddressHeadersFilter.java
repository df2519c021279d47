package io.agw.gateway.llm.hygiene;

import io.agw.gateway.exchange.LlmCall;
import java.util.List;
import java.util.Locale;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps the client's address from third-party LLM providers: on requests to an {@code ai} backend,
 * removes {@code Forwarded}, every {@code X-Forwarded-*} header and {@code X-Real-IP}, whether the
 * client sent them or Spring Cloud Gateway's forwarded-header filters added them (so this runs
 * after those). Other backends keep them. With {@code agw.llm.forward-client-address=true} nothing
 * is removed. Immutable and thread-safe.
 */
public final class ClientAddressHeadersFilter implements HttpHeadersFilter, Ordered {

  /**
   * Headers that carry the client's address or the gateway's own, besides {@code X-Forwarded-*}.
   */
  private static final List<String> ADDRESS_HEADERS = List.of("forwarded", "x-real-ip");

  private final boolean forward;

  /**
   * @param forward whether LLM providers may see the client's address (the headers stay)
   */
  public ClientAddressHeadersFilter(boolean forward) {
    this.forward = forward;
  }

  @Override
  public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
    if (forward || exchange.getAttribute(LlmCall.ATTRIBUTE) == null) {
      return input;
    }
    HttpHeaders kept = new HttpHeaders();
    input.forEach(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (!lower.startsWith("x-forwarded-") && !ADDRESS_HEADERS.contains(lower)) {
            kept.put(name, values);
          }
        });
    return kept;
  }

  /** After the forwarded-header filters, which add the client's address. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public String toString() {
    return "ClientAddressHeaders[forward=" + forward + "]";
  }
}
