package io.agw.gateway.http;

import io.agw.model.resource.v1.PolicySpec;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * Builds the ordered filters of the authentication and rate-limit policies ({@code jwtAuth}, {@code
 * apiKey}, {@code basicAuth}, {@code localRateLimit}, {@code remoteRateLimit}), which need
 * process-wide collaborators (key caches, buckets, Redis clients) that outlive one state.
 */
public interface SecurityPolicies {

  /**
   * The filters for {@code spec}, already ordered.
   *
   * @throws IllegalArgumentException when the policy cannot be built (with the reason)
   */
  List<GatewayFilter> filters(String routeId, PolicySpec spec);
}
