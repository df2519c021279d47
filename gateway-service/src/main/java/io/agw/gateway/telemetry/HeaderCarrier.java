package io.agw.gateway.telemetry;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.springframework.http.HttpHeaders;

/** Reads and writes propagation headers ({@code traceparent}, ...) on Spring's HTTP headers. */
enum HeaderCarrier implements TextMapGetter<HttpHeaders>, TextMapSetter<HttpHeaders> {
  INSTANCE;

  @Override
  public Iterable<String> keys(HttpHeaders carrier) {
    return carrier.headerNames();
  }

  @Override
  public String get(HttpHeaders carrier, String key) {
    return carrier == null ? null : carrier.getFirst(key);
  }

  @Override
  public void set(HttpHeaders carrier, String key, String value) {
    if (carrier != null) {
      carrier.set(key, value);
    }
  }
}
