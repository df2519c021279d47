package io.agw.gateway.usage;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.model.resource.v1.StandardAttributes;
import org.springframework.web.server.ServerWebExchange;

/**
 * agentgateway's {@code config.standardAttributes}: CEL expressions that name the user and the
 * group (the team) of a request. Where an expression is set and yields a non-empty value, it wins
 * over the default ({@link Attribution#of(io.agw.gateway.identity.Caller)}); an expression that
 * fails or yields nothing leaves the default. Immutable; one per configuration state.
 *
 * @param user the user expression, or null
 * @param group the group expression, or null
 */
public record AttributionRules(CelExpression user, CelExpression group) {

  /** The exchange attribute holding the rules of the state the request runs on. */
  public static final String ATTRIBUTE = AttributionRules.class.getName();

  /** No expressions: the defaults. */
  public static final AttributionRules NONE = new AttributionRules(null, null);

  /**
   * The rules of a resource, compiled.
   *
   * @throws IllegalArgumentException when an expression does not compile
   */
  public static AttributionRules of(StandardAttributes attributes, CelEnvironment cel) {
    return new AttributionRules(
        attributes.getUser().isEmpty() ? null : cel.compile(attributes.getUser()),
        attributes.getGroup().isEmpty() ? null : cel.compile(attributes.getGroup()));
  }

  /** {@code defaults} with the user and team the expressions give for {@code exchange}. */
  Attribution apply(ServerWebExchange exchange, Attribution defaults) {
    if (user == null && group == null) {
      return defaults;
    }
    CelContext context = CelContext.request(exchange, null);
    String u = value(user, context);
    String g = value(group, context);
    return new Attribution(
        defaults.key(), u != null ? u : defaults.user(), g != null ? g : defaults.team());
  }

  private static String value(CelExpression expression, CelContext context) {
    if (expression == null) {
      return null;
    }
    return expression.string(context).filter(v -> !v.isEmpty() && !"null".equals(v)).orElse(null);
  }
}
