package io.agw.gateway.server;

import io.agw.gateway.server.PathNormalizer.EscapedSlashes;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How request paths are normalized on the traffic ports before routing ({@code
 * agw.http.path-normalization.*}); see {@link PathNormalizer}.
 *
 * @param enabled whether paths are normalized at all (on by default; off forwards every path as the
 *     client sent it, and policies can then be walked around with {@code ..} or encodings)
 * @param mergeSlashes whether repeated slashes are merged into one (on by default)
 * @param escapedSlashes what happens to {@code %2F} and {@code %5C} ({@code reject} by default)
 */
@ConfigurationProperties("agw.http.path-normalization")
public record PathNormalizationProperties(
    Boolean enabled, Boolean mergeSlashes, EscapedSlashes escapedSlashes) {

  public PathNormalizationProperties {
    enabled = enabled == null || enabled;
    mergeSlashes = mergeSlashes == null || mergeSlashes;
    escapedSlashes = escapedSlashes == null ? EscapedSlashes.REJECT : escapedSlashes;
  }

  /** The normalizer these settings describe, or null when normalization is off. */
  PathNormalizer normalizer() {
    return enabled ? new PathNormalizer(mergeSlashes, escapedSlashes) : null;
  }
}
