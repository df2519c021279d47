package io.agw.gateway.security;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.model.resource.v1.CredentialLocation;
import java.util.Locale;
import org.springframework.http.HttpCookie;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads a credential from where a policy says it is: a header (with its prefix removed, compared
 * case-insensitively), a query parameter, a cookie, or a CEL expression. Immutable; thread-safe.
 */
public final class CredentialLocator {

  private final CredentialLocation location;
  private final CelExpression expression;

  private CredentialLocator(CredentialLocation location, CelExpression expression) {
    this.location = location;
    this.expression = expression;
  }

  /** The locator for {@code location}, or the Authorization header with {@code defaultPrefix}. */
  public static CredentialLocator of(
      boolean present, CredentialLocation location, String defaultPrefix, CelEnvironment cel) {
    CredentialLocation effective =
        present
            ? location
            : CredentialLocation.newBuilder()
                .setHeader(
                    CredentialLocation.Header.newBuilder()
                        .setName("Authorization")
                        .setPrefix(defaultPrefix))
                .build();
    CelExpression expression =
        effective.hasExpression() ? cel.compile(effective.getExpression()) : null;
    return new CredentialLocator(effective, expression);
  }

  /** Whether the credential travels in the Authorization header (for WWW-Authenticate). */
  boolean inAuthorizationHeader() {
    return location.hasHeader() && location.getHeader().getName().equalsIgnoreCase("authorization");
  }

  /**
   * The credential, or null when the request has none. A header without the expected prefix counts
   * as no credential of this kind (it may be another scheme).
   */
  public String find(ServerWebExchange exchange) {
    var request = exchange.getRequest();
    return switch (location.getKindCase()) {
      case HEADER -> {
        String value = request.getHeaders().getFirst(location.getHeader().getName());
        String prefix = location.getHeader().getPrefix();
        if (value == null) {
          yield null;
        }
        if (!prefix.isEmpty()) {
          if (!value.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))) {
            yield null;
          }
          value = value.substring(prefix.length());
        }
        value = value.trim();
        yield value.isEmpty() ? null : value;
      }
      case QUERY_PARAMETER -> request.getQueryParams().getFirst(location.getQueryParameter());
      case COOKIE -> {
        HttpCookie cookie = request.getCookies().getFirst(location.getCookie());
        yield cookie == null ? null : cookie.getValue();
      }
      case EXPRESSION -> expression.string(CelContext.request(exchange, null)).orElse(null);
      case KIND_NOT_SET -> null;
    };
  }
}
