package io.agw.control.xds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotCacheTest {

  final SnapshotCache cache = new SnapshotCache();

  @Test
  void publishingTheSameContentAgainKeepsTheVersionAndNotifiesNoOne() throws Exception {
    List<Snapshot> seen = new ArrayList<>();
    cache.watch("ns/gw", seen::add);
    Snapshot one = cache.publish("ns/gw", Resources.routes(3));
    Snapshot again = cache.publish("ns/gw", Resources.routes(3));
    Snapshot two = cache.publish("ns/gw", Resources.routes(4));

    assertThat(again.version()).isEqualTo(one.version());
    assertThat(two.version()).isGreaterThan(one.version());
    assertThat(seen).containsExactly(one, two);
  }

  @Test
  void snapshotsAreKeptPerGateway() {
    cache.publish("ns/a", Resources.routes(1));
    cache.publish("ns/b", Resources.routes(2));
    assertThat(cache.snapshot("ns/a").orElseThrow().resources()).hasSize(1);
    assertThat(cache.snapshot("ns/b").orElseThrow().resources()).hasSize(2);
    assertThat(cache.snapshot("ns/c")).isEmpty();
  }

  @Test
  void aWatcherGetsTheCurrentSnapshotAtOnceAndNothingAfterClosing() throws Exception {
    cache.publish("ns/gw", Resources.routes(1));
    List<Snapshot> seen = new ArrayList<>();
    AutoCloseable watch = cache.watch("ns/gw", seen::add);
    watch.close();
    cache.publish("ns/gw", Resources.routes(2));
    assertThat(seen).hasSize(1);
  }

  @Test
  void twoResourcesWithOneKeyAreRefused() {
    assertThatThrownBy(
            () ->
                cache.publish("ns/gw", List.of(Resources.route(1, "/a"), Resources.route(1, "/b"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("route/1");
  }
}
