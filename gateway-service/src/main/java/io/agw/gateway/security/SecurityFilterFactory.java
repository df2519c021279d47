package io.agw.gateway.security;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.http.FilterOrder;
import io.agw.gateway.http.SecurityPolicies;
import io.agw.gateway.ratelimit.RateLimitFilters;
import io.agw.model.resource.v1.DataSource;
import io.agw.model.resource.v1.PolicySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;

/**
 * Builds the authentication filters ({@code jwtAuth}, {@code apiKey} with its model check, {@code
 * basicAuth}) and hands rate limits to {@link RateLimitFilters}. Files (htpasswd) are read here,
 * when a state is built, so that a changed file is picked up by the next reload. Thread-safe.
 */
final class SecurityFilterFactory implements SecurityPolicies {

  private final CelEnvironment cel;
  private final JwkSources keys;
  private final RateLimitFilters rateLimits;

  SecurityFilterFactory(CelEnvironment cel, JwkSources keys, RateLimitFilters rateLimits) {
    this.cel = cel;
    this.keys = keys;
    this.rateLimits = rateLimits;
  }

  @Override
  public List<GatewayFilter> filters(String routeId, PolicySpec spec) {
    return switch (spec.getKindCase()) {
      case JWT_AUTH ->
          List.of(
              ordered(new JwtAuthFilter(spec.getJwtAuth(), keys, cel), FilterOrder.AUTHENTICATION));
      case MCP_AUTHENTICATION ->
          List.of(
              ordered(
                  new McpAuthenticationFilter(spec.getMcpAuthentication(), keys, cel),
                  FilterOrder.AUTHENTICATION));
      case API_KEY ->
          List.of(
              ordered(new ApiKeyFilter(spec.getApiKey(), cel), FilterOrder.AUTHENTICATION),
              ordered(new ModelAccessFilter(), FilterOrder.LLM_POLICY));
      case BASIC_AUTH ->
          List.of(
              ordered(
                  new BasicAuthFilter(
                      spec.getBasicAuth(), read(spec.getBasicAuth().getHtpasswd()), cel),
                  FilterOrder.AUTHENTICATION));
      case LOCAL_RATE_LIMIT, REMOTE_RATE_LIMIT -> rateLimits.filters(routeId, spec);
      default -> throw new IllegalArgumentException("not a security policy: " + spec.getKindCase());
    };
  }

  private static GatewayFilter ordered(GatewayFilter filter, int order) {
    return new OrderedGatewayFilter(filter, order);
  }

  private static String read(DataSource source) {
    return switch (source.getSourceCase()) {
      case INLINE -> source.getInline();
      case FILE -> {
        try {
          yield Files.readString(Path.of(source.getFile()));
        } catch (IOException e) {
          throw new IllegalArgumentException("cannot read htpasswd file " + source.getFile());
        }
      }
      case SOURCE_NOT_SET -> throw new IllegalArgumentException("basicAuth needs htpasswd");
    };
  }
}
