package io.agw.gateway.http;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

import io.agw.gateway.a2a.A2aFilters;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.security.AuthorizationFilter;
import io.agw.gateway.security.AuthorizationRules;
import io.agw.gateway.security.LateAuthorizationFilter;
import io.agw.gateway.security.ProtectedResourceMetadata;
import io.agw.model.resource.v1.PolicySpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;

/**
 * Turns route and listener policies into ordered Spring Cloud Gateway filters (and route metadata),
 * once per state. Backend policies ({@code backendTLS}, backend header changes) are applied by the
 * backend choice instead and are ignored here.
 */
public final class PolicyFilters {

  private final ExtensionFilters extensions;
  private final A2aFilters a2a;
  private final CelEnvironment cel;
  private final SecurityPolicies security;

  public PolicyFilters(
      ExtensionFilters extensions, A2aFilters a2a, CelEnvironment cel, SecurityPolicies security) {
    this.extensions = extensions;
    this.a2a = a2a;
    this.cel = cel;
    this.security = security;
  }

  /**
   * Adds the filter for {@code spec} to {@code filters}, or its setting to {@code metadata}.
   *
   * @throws IllegalArgumentException when the policy cannot be built
   */
  public void add(
      String routeId, PolicySpec spec, List<GatewayFilter> filters, Map<String, Object> metadata) {
    switch (spec.getKindCase()) {
      case REQUEST_HEADER_MODIFIER ->
          filters.add(
              ordered(
                  HeaderModifiers.request(spec.getRequestHeaderModifier()),
                  FilterOrder.REQUEST_HEADERS));
      case RESPONSE_HEADER_MODIFIER ->
          filters.add(
              ordered(
                  HeaderModifiers.response(spec.getResponseHeaderModifier()),
                  FilterOrder.RESPONSE_HEADERS));
      case REQUEST_REDIRECT ->
          filters.add(
              ordered(
                  new RequestRedirectFilter(spec.getRequestRedirect()), FilterOrder.SHORT_CIRCUIT));
      case URL_REWRITE ->
          filters.add(ordered(new UrlRewriteFilter(spec.getUrlRewrite()), FilterOrder.URL_REWRITE));
      case DIRECT_RESPONSE ->
          filters.add(
              ordered(
                  new DirectResponseFilter(spec.getDirectResponse()), FilterOrder.SHORT_CIRCUIT));
      case CORS -> filters.add(ordered(new CorsFilter(spec.getCors()), FilterOrder.CORS));
      case TIMEOUT -> {
        var timeout = spec.getTimeout();
        if (timeout.hasRequestTimeout()) {
          filters.add(
              ordered(
                  new RequestTimeoutFilter(duration(timeout.getRequestTimeout())),
                  FilterOrder.REQUEST_TIMEOUT));
        }
        if (timeout.hasBackendRequestTimeout()) {
          metadata.put(
              RESPONSE_TIMEOUT_ATTR, duration(timeout.getBackendRequestTimeout()).toMillis());
        }
      }
      case RETRY ->
          filters.add(ordered(RetryFilters.create(routeId, spec.getRetry()), FilterOrder.RETRY));
      case REQUEST_BODY_LIMIT ->
          filters.add(
              ordered(new BodyLimitFilter(spec.getRequestBodyLimit()), FilterOrder.BODY_LIMIT));
      case EXTENSION_FILTER ->
          filters.add(
              ordered(
                  extensions.create(routeId, spec.getExtensionFilter()),
                  FilterOrder.EXTENSION + filters.size()));
      case A2A -> filters.add(ordered(a2a.create(), FilterOrder.A2A));
      // Applied with the backend (credentials), by the LLM filter (the ai policy) or by the MCP
      // server filter (mcpAuthorization).
      case BACKEND_TLS, BACKEND_AUTH, AI, MCP_AUTHORIZATION -> {}
      case AUTHORIZATION -> {
        AuthorizationRules rules = new AuthorizationRules(spec.getAuthorization(), cel);
        filters.add(ordered(new AuthorizationFilter(rules), FilterOrder.AUTHORIZATION));
        if (rules.hasLateRules()) {
          filters.add(ordered(new LateAuthorizationFilter(rules), FilterOrder.LATE_AUTHORIZATION));
        }
      }
      case TRANSFORMATIONS ->
          filters.add(
              ordered(
                  new TransformationFilter(spec.getTransformations(), cel),
                  FilterOrder.TRANSFORMATION));
      case JWT_AUTH, API_KEY, BASIC_AUTH, LOCAL_RATE_LIMIT, REMOTE_RATE_LIMIT ->
          filters.addAll(security.filters(routeId, spec));
      case MCP_AUTHENTICATION -> {
        filters.addAll(security.filters(routeId, spec));
        // Served by the bind's handler, which finds the route of a metadata request's path.
        metadata.put(
            ProtectedResourceMetadata.ROUTE_METADATA,
            new ProtectedResourceMetadata(spec.getMcpAuthentication()));
      }
      case KIND_NOT_SET -> throw new IllegalArgumentException("a policy without a kind");
    }
  }

  private static GatewayFilter ordered(GatewayFilter filter, int order) {
    return new OrderedGatewayFilter(filter, order);
  }

  static Duration duration(com.google.protobuf.Duration d) {
    return Duration.ofSeconds(d.getSeconds(), d.getNanos());
  }
}
