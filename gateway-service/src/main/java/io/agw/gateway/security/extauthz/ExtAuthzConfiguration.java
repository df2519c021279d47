package io.agw.gateway.security.extauthz;

import io.agw.gateway.backend.GrpcChannels;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.policy.FilterOrder;
import io.agw.gateway.policy.PolicyKind;
import io.agw.model.resource.v1.ExtAuthz;
import io.agw.model.resource.v1.ExtAuthzCache;
import io.agw.model.resource.v1.ExtAuthzHttp;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.client.HttpClient;

/**
 * The {@code extAuthz} policy kind. An HTTP check times out after 2 seconds (agentgateway's
 * default), a gRPC check after 10 seconds (agentgateway sets none; the bound keeps a stalled
 * service from holding requests forever); a timeout is a failure, so {@code failureMode} applies.
 */
@Configuration(proxyBeanMethods = false)
class ExtAuthzConfiguration {

  static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
  static final Duration GRPC_TIMEOUT = Duration.ofSeconds(10);

  @Bean
  PolicyKind extAuthzPolicy(CelEnvironment cel, GrpcChannels channels) {
    HttpClient http = HttpClient.create();
    return PolicyKind.filter(
        KindCase.EXT_AUTHZ,
        spec ->
            new ExtAuthzFilter(
                spec.getExtAuthz(),
                check(spec.getExtAuthz(), cel, channels, http),
                cache(spec.getExtAuthz(), cel)),
        FilterOrder.EXTERNAL_AUTHORIZATION);
  }

  static AuthorizationCheck check(
      ExtAuthz policy, CelEnvironment cel, GrpcChannels channels, HttpClient http) {
    if (policy.hasHttp()) {
      ExtAuthzHttp h = policy.getHttp();
      return new HttpCheck(
          http,
          policy.getHost(),
          HTTP_TIMEOUT,
          policy.getIncludeRequestHeadersList(),
          h.getPath().isEmpty() ? null : cel.compile(h.getPath()),
          h.getRedirect().isEmpty() ? null : cel.compile(h.getRedirect()),
          h.getBody().isEmpty() ? null : cel.compile(h.getBody()),
          h.getIncludeResponseHeadersList(),
          compile(cel, h.getAddRequestHeadersMap()),
          compile(cel, h.getMetadataMap()));
    }
    int colon = policy.getHost().lastIndexOf(':');
    String host = policy.getHost().substring(0, colon).replace("[", "").replace("]", "");
    int port = Integer.parseInt(policy.getHost().substring(colon + 1));
    return new GrpcCheck(
        channels.get(host, port),
        GRPC_TIMEOUT,
        policy.getIncludeRequestHeadersList(),
        policy.hasIncludeRequestBody() && policy.getIncludeRequestBody().getPackAsBytes(),
        policy.getGrpc().getContextMap(),
        policy.getGrpc().getMetadataSet() ? compile(cel, policy.getGrpc().getMetadataMap()) : null);
  }

  /** The decision cache of {@code policy}, or null when it has none. */
  static DecisionCache cache(ExtAuthz policy, CelEnvironment cel) {
    if (!policy.hasCache()) {
      return null;
    }
    ExtAuthzCache c = policy.getCache();
    return new DecisionCache(
        c.getKeyList().stream().map(cel::compile).toList(),
        cel.compile(c.getTtl()),
        c.getMaxEntries(),
        policy.hasHttp(),
        policy.hasHttp() && !policy.getHttp().getRedirect().isEmpty(),
        Clock.systemUTC());
  }

  private static Map<String, CelExpression> compile(
      CelEnvironment cel, Map<String, String> sources) {
    Map<String, CelExpression> out = new LinkedHashMap<>();
    sources.forEach((k, v) -> out.put(k, cel.compile(v)));
    return out;
  }
}
