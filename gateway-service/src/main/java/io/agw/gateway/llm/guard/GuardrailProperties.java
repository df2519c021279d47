package io.agw.gateway.llm.guard;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code agw.guardrails.*}: {@code endpoints.<kind>} replaces the fixed public endpoint of a guard
 * service (for example {@code agw.guardrails.endpoints.openai-moderation=http://127.0.0.1:9999})
 * with a base URL, for private endpoints, proxies and tests. Keys match without dashes and case, so
 * the environment variable {@code AGW_GUARDRAILS_ENDPOINTS_OPENAIMODERATION} works too.
 */
@ConfigurationProperties("agw.guardrails")
public record GuardrailProperties(Map<String, String> endpoints) {

  public GuardrailProperties {
    endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
  }

  /** The base URL configured for {@code kind}, or {@code fallback}; never ends with '/'. */
  public String endpoint(String kind, String fallback) {
    String url = fallback;
    for (Map.Entry<String, String> e : endpoints.entrySet()) {
      if (normalized(e.getKey()).equals(normalized(kind)) && !e.getValue().isBlank()) {
        url = e.getValue().strip();
      }
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String normalized(String key) {
    return key.replace("-", "").toLowerCase(Locale.ROOT);
  }
}
