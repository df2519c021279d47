package io.agw.gateway.usage;

import io.agw.gateway.identity.Caller;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who a call is charged to: the API key, the user and the team. Cost metrics are tagged with it,
 * usage records store it, budgets are found by it. Any part may be null (an anonymous call has
 * none).
 *
 * @param key the API key's id ({@link Caller.ApiKeyIdentity#id()}), never the key itself
 * @param user the user: the JWT's {@code sub}, else the key's {@code user} metadata
 * @param team the team: the key's {@code team} metadata
 */
public record Attribution(String key, String user, String team) {

  public static final Attribution NONE = new Attribution(null, null, null);

  /** The exchange attribute holding the attribution once computed. */
  public static final String ATTRIBUTE = Attribution.class.getName();

  /**
   * The attribution of the exchange's caller, computed once and then kept in {@link #ATTRIBUTE}:
   * the defaults of {@link #of(Caller)}, with the user and team of {@code
   * config.standardAttributes} ({@link AttributionRules}) where they are set and give a value. The
   * LLM runtime puts the rules on the exchange when it reads the request, so calls from then on see
   * them.
   */
  public static Attribution of(ServerWebExchange exchange) {
    Attribution known = exchange.getAttribute(ATTRIBUTE);
    if (known != null) {
      return known;
    }
    Attribution computed = of(Caller.of(exchange));
    AttributionRules rules = exchange.getAttribute(AttributionRules.ATTRIBUTE);
    if (rules != null) {
      computed = rules.apply(exchange, computed);
    }
    exchange.getAttributes().put(ATTRIBUTE, computed);
    return computed;
  }

  /** The attribution of a caller, from its identities alone. */
  public static Attribution of(Caller caller) {
    Caller.ApiKeyIdentity key = caller.apiKey();
    String user = caller.jwt() != null ? caller.jwt().subject() : null;
    String team = null;
    if (key != null) {
      if (user == null && key.metadata().get("user") instanceof String u) {
        user = u;
      }
      if (key.metadata().get("team") instanceof String t) {
        team = t;
      }
    }
    return new Attribution(key == null ? null : key.id(), user, team);
  }
}
