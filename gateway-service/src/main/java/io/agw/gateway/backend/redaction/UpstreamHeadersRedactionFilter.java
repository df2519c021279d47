package io.agw.gateway.backend.redaction;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Redacts the provider credentials of the exchange ({@link UpstreamSecrets}) from the headers of
 * the upstream's response, as Spring Cloud Gateway copies them to the client's response. Only the
 * upstream's headers pass through here, never those the gateway sets itself. Immutable and
 * thread-safe.
 */
public final class UpstreamHeadersRedactionFilter implements HttpHeadersFilter, Ordered {

  @Override
  public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
    SecretRedactor redactor = UpstreamSecrets.of(exchange.getAttributes());
    if (redactor.isEmpty()) {
      return input;
    }
    HttpHeaders out = new HttpHeaders();
    input.forEach((name, values) -> out.put(name, values.stream().map(redactor::redact).toList()));
    return out;
  }

  @Override
  public boolean supports(Type type) {
    return type == Type.RESPONSE;
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public String toString() {
    return "UpstreamHeadersRedaction";
  }
}
