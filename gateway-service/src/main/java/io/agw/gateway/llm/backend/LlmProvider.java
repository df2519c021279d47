package io.agw.gateway.llm.backend;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.llm.balance.Balanced;
import io.agw.gateway.llm.balance.EjectionPolicy;
import io.agw.gateway.llm.balance.Endpoint;
import io.agw.gateway.llm.guard.PromptGuards;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.provider.UpstreamCredentials;
import io.agw.gateway.llm.registry.ProviderKind;
import io.agw.gateway.route.ValueCondition;
import io.agw.model.resource.v1.AiProvider;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * One provider of an {@code ai} backend, compiled for the current state: its kind, the upstream to
 * call (address, client, header changes), its credentials, the models it serves, and its own
 * adjustments (the {@code llm} shorthand's per-model defaults). Immutable.
 *
 * @param config the provider resource
 * @param kind the provider kind, for paths and auth
 * @param upstream where requests go
 * @param credentials what proves the gateway's identity to the provider
 * @param models the models clients may ask for; empty serves any model
 * @param adjustments applied after the route's own, or {@link AiAdjustments#NONE}
 * @param guards the {@code promptGuard} of the {@code ai} policies on its backend, which replaces
 *     the route's; null when they have none (the route's guards apply). Providers of one backend
 *     with the same guards share one instance.
 * @param endpoint its load and health, shared with the next states while the provider stays the
 *     same
 * @param ejection when a failing provider is taken out of the choice, and for how long
 * @param unhealthyExpression {@code health.unhealthyExpression}: CEL over the provider's answer
 *     deciding whether it counts as a failure; null: 429 and 5xx do
 * @param weight its share among equals in its group (at least 1)
 * @param transformation the {@code llm} shorthand's per-model CEL body fields, or {@link
 *     BodyTransformation#NONE}
 * @param matches the {@code llm} shorthand's per-model header matches: when not empty, one of them
 *     must hold (every header of it) for this provider to serve a request
 */
public record LlmProvider(
    AiProvider config,
    ProviderKind kind,
    Backend upstream,
    UpstreamCredentials credentials,
    List<ModelPattern> models,
    AiAdjustments adjustments,
    PromptGuards guards,
    Endpoint endpoint,
    EjectionPolicy ejection,
    CelExpression unhealthyExpression,
    int weight,
    BodyTransformation transformation,
    List<List<ValueCondition>> matches)
    implements Balanced {

  /** Whether the request's {@code headers} satisfy {@link #matches}; null headers ignore them. */
  public boolean accepts(HttpHeaders headers) {
    if (matches.isEmpty() || headers == null) {
      return true;
    }
    for (List<ValueCondition> match : matches) {
      if (match.stream().allMatch(c -> c.test(headers.get(c.name())))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a client may ask this provider for {@code model}. */
  public boolean serves(String model) {
    if (models.isEmpty()) {
      return true;
    }
    for (ModelPattern p : models) {
      if (p.matches(model)) {
        return true;
      }
    }
    return false;
  }

  /** The model sent upstream: the configured one, or the client's. */
  public String upstreamModel(String requested) {
    String pinned = ProviderKind.configuredModel(config);
    return pinned.isEmpty() ? requested : pinned;
  }

  /**
   * The upstream path and query for {@code api}, honouring {@code pathOverride}.
   *
   * @param streaming whether the client asked for a stream (some providers have a separate
   *     streaming endpoint)
   */
  public String pathAndQuery(ClientApi api, String model, boolean streaming) {
    String path =
        config.getPathOverride().isEmpty()
            ? kind.adapter().path(config, api, model, streaming)
            : config.getPathOverride();
    String query = kind.adapter().query(config);
    return query.isEmpty() ? path : path + "?" + query;
  }

  /** The provider's name for logs and metrics. */
  public String name() {
    return config.getName();
  }

  /**
   * The translation for a client of {@code api} calling {@code model} (the model sent upstream), or
   * empty when this provider has no such endpoint.
   */
  public Optional<Translation> translation(ClientApi api, String model) {
    return kind.adapter().translation(config, api, model);
  }
}
