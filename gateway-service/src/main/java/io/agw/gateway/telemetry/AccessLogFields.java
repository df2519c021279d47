package io.agw.gateway.telemetry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.server.ServerWebExchange;

/**
 * Extra fields that features add to the access-log line of a request, next to the standard ones. A
 * feature calls {@link #put} while it handles the exchange (at the latest when the response body
 * completes); {@link AccessLogFilter} copies the fields into the JSON line after the exchange has
 * ended. Values must serialize to JSON (strings, numbers, booleans, maps and lists of those).
 *
 * <p>Names are the feature's own top-level keys (for example {@code a2a}); a standard field of the
 * line (time, route, status, ...) is never overwritten. Safe to call from any thread.
 */
public final class AccessLogFields {

  /** The exchange attribute holding the fields, in the order they were first put. */
  public static final String ATTRIBUTE = AccessLogFields.class.getName();

  private AccessLogFields() {}

  /** Sets {@code name} to {@code value} on the access-log line of {@code exchange}. */
  public static void put(ServerWebExchange exchange, String name, Object value) {
    fields(exchange).put(name, value);
  }

  /** The fields set so far; a snapshot, empty when none. */
  static Map<String, Object> of(ServerWebExchange exchange) {
    Map<String, Object> fields = exchange.getAttribute(ATTRIBUTE);
    if (fields == null) {
      return Map.of();
    }
    synchronized (fields) {
      return new LinkedHashMap<>(fields);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fields(ServerWebExchange exchange) {
    return (Map<String, Object>)
        exchange
            .getAttributes()
            .computeIfAbsent(
                ATTRIBUTE, k -> Collections.synchronizedMap(new LinkedHashMap<String, Object>()));
  }
}
