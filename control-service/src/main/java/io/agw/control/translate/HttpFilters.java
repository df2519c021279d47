package io.agw.control.translate;

import io.agw.model.resource.v1.AuthorityRewrite;
import io.agw.model.resource.v1.HeaderModifier;
import io.agw.model.resource.v1.PathRewrite;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.RequestRedirect;
import io.agw.model.resource.v1.UrlRewrite;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathModifier;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;

/** HTTPRoute filters as policy specs: a pure mapping. */
final class HttpFilters {

  private HttpFilters() {}

  /**
   * @throws IllegalArgumentException for a filter type the gateway does not support
   */
  static PolicySpec toPolicy(HTTPRouteFilter filter) {
    String type = String.valueOf(filter.getType());
    return switch (type) {
      case "RequestHeaderModifier" ->
          PolicySpec.newBuilder()
              .setRequestHeaderModifier(headers(filter.getRequestHeaderModifier()))
              .build();
      case "ResponseHeaderModifier" ->
          PolicySpec.newBuilder()
              .setResponseHeaderModifier(headers(filter.getResponseHeaderModifier()))
              .build();
      case "RequestRedirect" -> {
        var r = filter.getRequestRedirect();
        RequestRedirect.Builder b = RequestRedirect.newBuilder();
        if (r.getScheme() != null) {
          b.setScheme(r.getScheme());
        }
        AuthorityRewrite authority = authority(r.getHostname(), r.getPort());
        if (authority != null) {
          b.setAuthority(authority);
        }
        if (r.getPath() != null) {
          b.setPath(path(r.getPath()));
        }
        if (r.getStatusCode() != null) {
          b.setStatus(r.getStatusCode());
        }
        yield PolicySpec.newBuilder().setRequestRedirect(b).build();
      }
      case "URLRewrite" -> {
        var r = filter.getUrlRewrite();
        UrlRewrite.Builder b = UrlRewrite.newBuilder();
        AuthorityRewrite authority = authority(r.getHostname(), null);
        if (authority != null) {
          b.setAuthority(authority);
        }
        if (r.getPath() != null) {
          b.setPath(path(r.getPath()));
        }
        yield PolicySpec.newBuilder().setUrlRewrite(b).build();
      }
      default -> throw new IllegalArgumentException("filter type " + type + " is not supported");
    };
  }

  private static HeaderModifier headers(HTTPHeaderFilter f) {
    HeaderModifier.Builder b = HeaderModifier.newBuilder();
    if (f == null) {
      return b.build();
    }
    for (HTTPHeader h : nonNull(f.getAdd())) {
      b.putAdd(h.getName(), h.getValue());
    }
    for (HTTPHeader h : nonNull(f.getSet())) {
      b.putSet(h.getName(), h.getValue());
    }
    b.addAllRemove(nonNull(f.getRemove()));
    return b.build();
  }

  private static AuthorityRewrite authority(String hostname, Integer port) {
    if (hostname != null && port != null) {
      return AuthorityRewrite.newBuilder().setFull(hostname + ":" + port).build();
    }
    if (hostname != null) {
      return AuthorityRewrite.newBuilder().setHost(hostname).build();
    }
    if (port != null) {
      return AuthorityRewrite.newBuilder().setPort(port).build();
    }
    return null;
  }

  private static PathRewrite path(HTTPPathModifier p) {
    return switch (String.valueOf(p.getType())) {
      case "ReplaceFullPath" -> PathRewrite.newBuilder().setFull(p.getReplaceFullPath()).build();
      case "ReplacePrefixMatch" ->
          PathRewrite.newBuilder().setPrefix(p.getReplacePrefixMatch()).build();
      default ->
          throw new IllegalArgumentException("path modifier " + p.getType() + " is not supported");
    };
  }

  static <T> java.util.List<T> nonNull(java.util.List<T> list) {
    return list == null ? java.util.List.of() : list;
  }
}
