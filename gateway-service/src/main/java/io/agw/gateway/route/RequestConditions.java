package io.agw.gateway.route;

import io.agw.model.resource.v1.HeaderMatch;
import io.agw.model.resource.v1.QueryMatch;
import io.agw.model.resource.v1.RouteMatch;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;

/**
 * The non-path part of a route match: method, headers and query parameters, compiled once per
 * state. Immutable and thread-safe.
 */
record RequestConditions(String method, List<ValueCondition> headers, List<ValueCondition> query) {

  static RequestConditions compile(RouteMatch match) {
    return new RequestConditions(
        match.getMethod().isEmpty() ? null : match.getMethod().toUpperCase(java.util.Locale.ROOT),
        match.getHeadersList().stream().map(RequestConditions::header).toList(),
        match.getQueryList().stream().map(RequestConditions::query).toList());
  }

  /**
   * Whether the request meets every condition. The query string is parsed only for a route that
   * matches on it (the request caches the parsed parameters).
   */
  boolean test(String requestMethod, ServerHttpRequest request) {
    if (method != null && !method.equals(requestMethod)) {
      return false;
    }
    for (ValueCondition header : headers) {
      if (!header.test(request.getHeaders().get(header.name()))) {
        return false;
      }
    }
    if (query.isEmpty()) {
      return true;
    }
    MultiValueMap<String, String> q = request.getQueryParams();
    for (ValueCondition param : query) {
      if (!param.test(q.get(param.name()))) {
        return false;
      }
    }
    return true;
  }

  /** Gateway API precedence after the path: a method match, then more headers, then more query. */
  int specificity() {
    return (method != null ? 1_000_000 : 0) + headers.size() * 1_000 + query.size();
  }

  private static ValueCondition header(HeaderMatch m) {
    return ValueCondition.of(m.getName(), m.getValue());
  }

  private static ValueCondition query(QueryMatch m) {
    return ValueCondition.of(m.getName(), m.getValue());
  }
}
