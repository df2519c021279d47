package io.agw.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.route.CompiledRoute;
import io.agw.gateway.route.PathIndex.PathKind;
import io.agw.gateway.route.RouteMatchResult;
import io.agw.model.resource.v1.PathRewrite;
import org.junit.jupiter.api.Test;

class PathRewritesTest {

  private static RouteMatchResult prefix(String p) {
    return new RouteMatchResult(new CompiledRoute("r", "r", "l", null), PathKind.PREFIX, p);
  }

  private static String rewrite(String path, PathRewrite rw, RouteMatchResult m) {
    return PathRewrites.rewrite(path, rw, m);
  }

  @Test
  void prefixReplacementIsSegmentWise() {
    PathRewrite toV2 = PathRewrite.newBuilder().setPrefix("/v2").build();
    assertThat(rewrite("/v1/items", toV2, prefix("/v1"))).isEqualTo("/v2/items");
    assertThat(rewrite("/v1", toV2, prefix("/v1/"))).isEqualTo("/v2");
    PathRewrite toRoot = PathRewrite.newBuilder().setPrefix("/").build();
    assertThat(rewrite("/agents/weather/rpc", toRoot, prefix("/agents/weather"))).isEqualTo("/rpc");
    assertThat(rewrite("/agents/weather", toRoot, prefix("/agents/weather"))).isEqualTo("/");
  }

  @Test
  void fullReplacesAndNonPrefixMatchKeepsPath() {
    assertThat(rewrite("/a/b", PathRewrite.newBuilder().setFull("/c").build(), prefix("/a")))
        .isEqualTo("/c");
    var exact =
        new RouteMatchResult(new CompiledRoute("r", "r", "l", null), PathKind.EXACT, "/a/b");
    assertThat(rewrite("/a/b", PathRewrite.newBuilder().setPrefix("/z").build(), exact))
        .isEqualTo("/a/b");
  }
}
