package io.agw.gateway.route;

import io.agw.gateway.route.PathIndex.PathKind;

/**
 * The route chosen for a request and how its path matched, so that redirects and rewrites can
 * replace exactly the matched prefix.
 *
 * @param route the chosen route
 * @param pathKind how the path matched
 * @param matchedPath the configured path (exact path, prefix or regex)
 */
public record RouteMatchResult(CompiledRoute route, PathKind pathKind, String matchedPath) {

  /** The exchange attribute holding the result for the rest of the pipeline. */
  public static final String ATTRIBUTE = RouteMatchResult.class.getName();
}
