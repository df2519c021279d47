package io.agw.gateway.http;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.policy.BackendCompilation;
import io.agw.gateway.policy.FilterOrder;
import io.agw.gateway.policy.PolicyKind;
import io.agw.gateway.policy.RouteCompilation;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import java.time.Duration;
import java.util.List;
import reactor.netty.http.client.HttpClient;

/**
 * The HTTP traffic policy kinds: header changes, redirects, rewrites, direct responses, CORS,
 * timeouts, retries, body limits, {@code backendTLS}, CEL transformations, delays, request mirrors
 * and extension filters. Each method is one registration ({@link HttpConfiguration} declares them
 * as beans).
 */
public final class HttpPolicyKinds {

  private HttpPolicyKinds() {}

  /** Every kind of this package, for tests that build a state factory by hand. */
  public static List<PolicyKind> all(ExtensionFilters extensions, CelEnvironment cel) {
    return List.of(
        requestHeaderModifier(),
        responseHeaderModifier(),
        requestRedirect(),
        urlRewrite(),
        directResponse(cel),
        cors(),
        timeout(),
        retry(cel),
        requestBodyLimit(),
        responseBuffer(),
        backendTls(),
        extensionFilter(extensions),
        transformations(cel),
        delay(cel),
        requestMirror(HttpClient.create()));
  }

  /** On a route, a filter; on a backend, a change of every request sent to it. */
  static PolicyKind requestHeaderModifier() {
    return new PolicyKind() {
      @Override
      public KindCase kind() {
        return KindCase.REQUEST_HEADER_MODIFIER;
      }

      @Override
      public void onRoute(PolicySpec spec, RouteCompilation route) {
        route.addFilter(
            HeaderModifiers.request(spec.getRequestHeaderModifier()), FilterOrder.REQUEST_HEADERS);
      }

      @Override
      public void onBackend(PolicySpec spec, BackendCompilation backend) {
        backend.addRequestHeaders(h -> HeaderModifiers.apply(spec.getRequestHeaderModifier(), h));
      }
    };
  }

  static PolicyKind responseHeaderModifier() {
    return PolicyKind.filter(
        KindCase.RESPONSE_HEADER_MODIFIER,
        spec -> HeaderModifiers.response(spec.getResponseHeaderModifier()),
        FilterOrder.RESPONSE_HEADERS);
  }

  static PolicyKind requestRedirect() {
    return PolicyKind.filter(
        KindCase.REQUEST_REDIRECT,
        spec -> new RequestRedirectFilter(spec.getRequestRedirect()),
        FilterOrder.SHORT_CIRCUIT);
  }

  static PolicyKind urlRewrite() {
    return PolicyKind.filter(
        KindCase.URL_REWRITE,
        spec -> new UrlRewriteFilter(spec.getUrlRewrite()),
        FilterOrder.URL_REWRITE);
  }

  static PolicyKind directResponse(CelEnvironment cel) {
    return PolicyKind.filter(
        KindCase.DIRECT_RESPONSE,
        spec -> new DirectResponseFilter(spec.getDirectResponse(), cel),
        FilterOrder.SHORT_CIRCUIT);
  }

  static PolicyKind cors() {
    return PolicyKind.filter(
        KindCase.CORS, spec -> new CorsFilter(spec.getCors()), FilterOrder.CORS);
  }

  /** {@code requestTimeout} is a filter; {@code backendRequestTimeout} is route metadata. */
  static PolicyKind timeout() {
    return new PolicyKind() {
      @Override
      public KindCase kind() {
        return KindCase.TIMEOUT;
      }

      @Override
      public void onRoute(PolicySpec spec, RouteCompilation route) {
        var timeout = spec.getTimeout();
        if (timeout.hasRequestTimeout()) {
          route.addFilter(
              new RequestTimeoutFilter(duration(timeout.getRequestTimeout())),
              FilterOrder.REQUEST_TIMEOUT);
        }
        if (timeout.hasBackendRequestTimeout()) {
          route.putMetadata(
              RESPONSE_TIMEOUT_ATTR, duration(timeout.getBackendRequestTimeout()).toMillis());
        }
      }
    };
  }

  /**
   * Retries the whole exchange, unless a backend kind consumes the policy (on an LLM route the LLM
   * dispatcher retries and fails over between providers instead). Added once the backends are
   * known.
   */
  static PolicyKind retry(CelEnvironment cel) {
    return new PolicyKind() {
      @Override
      public KindCase kind() {
        return KindCase.RETRY;
      }

      @Override
      public void completeRoute(RouteCompilation route) {
        if (!route.isClaimed(KindCase.RETRY)) {
          route
              .routePolicy(KindCase.RETRY)
              .ifPresent(
                  spec ->
                      route.addFilter(new RetryFilter(spec.getRetry(), cel), FilterOrder.RETRY));
        }
      }
    };
  }

  static PolicyKind requestBodyLimit() {
    return PolicyKind.filter(
        KindCase.REQUEST_BODY_LIMIT,
        spec -> new BodyLimitFilter(spec.getRequestBodyLimit()),
        FilterOrder.BODY_LIMIT);
  }

  static PolicyKind responseBuffer() {
    return PolicyKind.filter(
        KindCase.RESPONSE_BUFFER,
        spec -> new ResponseBufferFilter(spec.getResponseBuffer()),
        FilterOrder.RESPONSE_BUFFER);
  }

  /**
   * TLS towards the backend; the route's setting applies to all its backends unless they set one.
   */
  static PolicyKind backendTls() {
    return new PolicyKind() {
      @Override
      public KindCase kind() {
        return KindCase.BACKEND_TLS;
      }

      @Override
      public void onBackend(PolicySpec spec, BackendCompilation backend) {
        backend.tls(spec.getBackendTls());
      }
    };
  }

  /** Extension filters keep the order they are written in, after the built-in policies. */
  static PolicyKind extensionFilter(ExtensionFilters extensions) {
    return new PolicyKind() {
      @Override
      public KindCase kind() {
        return KindCase.EXTENSION_FILTER;
      }

      @Override
      public void onRoute(PolicySpec spec, RouteCompilation route) {
        route.addFilter(
            extensions.create(route.routeId(), spec.getExtensionFilter()),
            FilterOrder.EXTENSION + route.filterCount());
      }
    };
  }

  static PolicyKind transformations(CelEnvironment cel) {
    return PolicyKind.filter(
        KindCase.TRANSFORMATIONS,
        spec -> new TransformationFilter(spec.getTransformations(), cel),
        FilterOrder.TRANSFORMATION);
  }

  /** After authentication and rate limits, before direct responses (agentgateway's order). */
  static PolicyKind delay(CelEnvironment cel) {
    return PolicyKind.filter(
        KindCase.DELAY, spec -> new DelayFilter(spec.getDelay(), cel), FilterOrder.DELAY);
  }

  /** Once per request (before retries), as the request leaves the route's own policies. */
  static PolicyKind requestMirror(HttpClient client) {
    return PolicyKind.filter(
        KindCase.REQUEST_MIRROR,
        spec -> new RequestMirrorFilter(spec.getRequestMirror(), client),
        FilterOrder.REQUEST_MIRROR);
  }

  static Duration duration(com.google.protobuf.Duration d) {
    return Duration.ofSeconds(d.getSeconds(), d.getNanos());
  }
}
