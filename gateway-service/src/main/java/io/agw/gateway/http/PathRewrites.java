package io.agw.gateway.http;

import io.agw.gateway.route.PathIndex;
import io.agw.gateway.route.RouteMatchResult;
import io.agw.model.resource.v1.PathRewrite;

/** Computes rewritten paths for redirects and URL rewrites, following Gateway API semantics. */
final class PathRewrites {

  private PathRewrites() {}

  /**
   * The new path: {@code full} replaces the whole path; {@code prefix} replaces the matched prefix
   * (segment-wise) and keeps the rest. A prefix rewrite on a route that did not match by prefix
   * leaves the path unchanged.
   */
  static String rewrite(String path, PathRewrite rewrite, RouteMatchResult match) {
    return switch (rewrite.getKindCase()) {
      case FULL -> rewrite.getFull();
      case PREFIX -> {
        if (match == null || match.pathKind() != PathIndex.PathKind.PREFIX) {
          yield path;
        }
        String matched = PathIndex.trimTrailingSlash(match.matchedPath());
        String rest = path.length() >= matched.length() ? path.substring(matched.length()) : "";
        String replacement = PathIndex.trimTrailingSlash(rewrite.getPrefix());
        String result = replacement + rest;
        yield result.isEmpty() ? "/" : (result.startsWith("/") ? result : "/" + result);
      }
      case KIND_NOT_SET -> path;
    };
  }
}
