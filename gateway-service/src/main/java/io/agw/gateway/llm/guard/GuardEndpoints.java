package io.agw.gateway.llm.guard;

import java.net.URI;
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
    endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
  }

  /** The base URL configured for {@code kind}, else {@code fallback}. */
  public URI base(String kind, URI fallback) {
    return endpoints.getOrDefault(kind, fallback);
  }
}
