package io.agw.gateway.llm.guard;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Base URLs that replace the fixed endpoints of the cloud guard services ({@code
 * agw.guardrails.endpoints.<kind>}, e.g. {@code
 * agw.guardrails.endpoints.bedrock-guardrails=http://127.0.0.1:9999}): for private endpoints (a VPC
 * endpoint, a proxy) and for tests. A kind with no entry uses its public endpoint. Immutable.
 *
 * @param endpoints kind ({@code bedrock-guardrails}, {@code google-model-armor}, ...) to base URL
 */
@ConfigurationProperties("agw.guardrails")
public record GuardEndpoints(Map<String, URI> endpoints) {

  /** No overrides: every kind uses its public endpoint. */
  public static final GuardEndpoints NONE = new GuardEndpoints(Map.of());

  public GuardEndpoints {
    Map<String, URI> normalized = new HashMap<>();
    if (endpoints != null) {
      endpoints.forEach((kind, url) -> normalized.put(normalize(kind), url));
    }
    endpoints = Map.copyOf(normalized);
  }

  /**
   * The base URL configured for {@code kind}, else {@code fallback}. Kinds compare without case,
   * dashes and underscores, so the environment variable {@code
   * AGW_GUARDRAILS_ENDPOINTS_BEDROCKGUARDRAILS} sets {@code bedrock-guardrails}.
   */
  public URI base(String kind, URI fallback) {
    return endpoints.getOrDefault(normalize(kind), fallback);
  }

  /** The base URL configured for {@code kind}, else {@code fallback}, without a trailing '/'. */
  public String endpoint(String kind, String fallback) {
    String url = base(kind, URI.create(fallback)).toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String normalize(String kind) {
    return kind.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }
}
