package io.agw.gateway.admin.cel;

import io.agw.gateway.admin.api.AdminApiException;
import io.agw.gateway.cel.CelValues;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The CEL variables of a sample context ({@code {request:{method, path, headers, body},
 * source:{address, port}, jwt:{claims}, llm:{...}}}), shaped as {@code cel.CelContext} shapes them
 * for a real exchange: header names in lower case, {@code uri}, {@code pathAndQuery}, {@code host}
 * and {@code scheme} derived as a request on the admin port would have them, {@code
 * source.rawAddress}, JWT claims at the top of {@code jwt}. Other variable families ({@code
 * apiKey}, {@code basicAuth}, {@code backend}, {@code mcp}, {@code response}, {@code llmRequest})
 * are taken as given. A family left out is an empty map. Stateless.
 */
final class CelSampleContext {

  private static final java.util.Set<String> AS_GIVEN =
      java.util.Set.of("apiKey", "basicAuth", "backend", "mcp", "response", "llmRequest");

  private CelSampleContext() {}

  static Map<String, Object> variables(JsonNode context) {
    Map<String, Object> vars = new LinkedHashMap<>();
    if (context == null || context.isNull() || context.isMissingNode()) {
      return vars;
    }
    if (!context.isObject()) {
      throw AdminApiException.invalid("context", "must be an object");
    }
    for (var field : context.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        continue;
      }
      if (!value.isObject()) {
        throw AdminApiException.invalid("context." + name, "must be an object");
      }
      switch (name) {
        case "request" -> vars.put(name, request(value));
        case "source" -> vars.put(name, source(value));
        case "jwt" -> vars.put(name, jwt(value));
        case "llm" -> vars.put(name, CelValues.fromJson(value));
        default -> {
          if (!AS_GIVEN.contains(name)) {
            throw AdminApiException.invalid(
                "context." + name,
                "is not a CEL variable (request, source, jwt, llm, apiKey, basicAuth, backend,"
                    + " mcp, response, llmRequest)");
          }
          vars.put(name, CelValues.fromJson(value));
        }
      }
    }
    return vars;
  }

  private static Map<String, Object> request(JsonNode r) {
    Map<String, Object> headers = new LinkedHashMap<>();
    JsonNode given = r.path("headers");
    if (!given.isMissingNode() && !given.isNull()) {
      if (!given.isObject()) {
        throw AdminApiException.invalid("context.request.headers", "must be an object");
      }
      for (var h : given.properties()) {
        headers.put(
            h.getKey().toLowerCase(Locale.ROOT),
            h.getValue().isString() ? h.getValue().asString() : h.getValue().toString());
      }
    }
    String method = text(r, "method", "GET").toUpperCase(Locale.ROOT);
    String pathAndQuery = text(r, "path", "/");
    if (!pathAndQuery.startsWith("/")) {
      throw AdminApiException.invalid("context.request.path", "must start with /");
    }
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String host = headers.getOrDefault("host", "localhost").toString();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", method);
    m.put("uri", "http://" + host + pathAndQuery);
    m.put("host", host);
    m.put("scheme", "http");
    m.put("path", path);
    m.put("pathAndQuery", pathAndQuery);
    m.put("version", "HTTP/1.1");
    m.put("headers", headers);
    JsonNode body = r.path("body");
    if (!body.isMissingNode() && !body.isNull()) {
      // The body is text in CEL: a JSON value given here stands for its JSON text.
      m.put("body", body.isString() ? body.asString() : body.toString());
    }
    return m;
  }

  private static Map<String, Object> source(JsonNode s) {
    Map<String, Object> m = new LinkedHashMap<>();
    String address = text(s, "address", "127.0.0.1");
    long port = s.path("port").canConvertToLong() ? s.path("port").longValue() : 0L;
    m.put("address", address);
    m.put("port", port);
    m.put("rawAddress", address);
    m.put("rawPort", port);
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> jwt(JsonNode j) {
    JsonNode claims = j.has("claims") ? j.path("claims") : j;
    if (!claims.isObject()) {
      throw AdminApiException.invalid("context.jwt.claims", "must be an object");
    }
    return new LinkedHashMap<>((Map<String, Object>) CelValues.fromJson(claims));
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return fallback;
    }
    if (!value.isString()) {
      throw AdminApiException.invalid(field, "must be a string");
    }
    return value.asString();
  }
}
