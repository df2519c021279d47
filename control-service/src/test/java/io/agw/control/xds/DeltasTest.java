package io.agw.control.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.resource.v1.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeltasTest {

  @Test
  void aGatewayHoldingNothingIsSentEverything() {
    Snapshot s = Snapshot.of(1, List.of(Resources.backend("a", 1), Resources.route(1, "/a")));
    assertThat(Deltas.changed(s, Map.of()))
        .extracting(VersionedResource::key)
        .containsExactly("backend/a", "route/1");
    assertThat(Deltas.removed(s, Map.of())).isEmpty();
  }

  @Test
  void withFiveThousandRoutesChangingOneSendsOne() {
    List<Resource> routes = Resources.routes(5000);
    Snapshot before = Snapshot.of(1, routes);
    List<Resource> changed = new ArrayList<>(routes);
    changed.set(1234, Resources.route(1234, "/changed"));
    Snapshot after = Snapshot.of(2, changed);

    List<VersionedResource> sent = Deltas.changed(after, before.versions());

    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).key()).isEqualTo("route/1234");
    assertThat(sent.get(0).resource().getRoute().getMatches(0).getPath().getPrefix())
        .isEqualTo("/changed");
    assertThat(Deltas.removed(after, before.versions())).isEmpty();
  }

  @Test
  void aResourceGoneFromTheSnapshotIsRemovedAndNothingElseIsSent() {
    List<Resource> routes = Resources.routes(10);
    Snapshot before = Snapshot.of(1, routes);
    Snapshot after = Snapshot.of(2, routes.subList(0, 8));

    assertThat(Deltas.changed(after, before.versions())).isEmpty();
    assertThat(Deltas.removed(after, before.versions())).containsExactly("route/8", "route/9");
  }

  @Test
  void versionsDependOnlyOnContentSoAResumingGatewayIsSentNothingNew() {
    Snapshot first = Snapshot.of(1, Resources.routes(100));
    // As after a control-service restart: a new snapshot number, the same content.
    Snapshot rebuilt = Snapshot.of(1, Resources.routes(100));

    assertThat(Deltas.changed(rebuilt, first.versions())).isEmpty();
    assertThat(Deltas.removed(rebuilt, first.versions())).isEmpty();
  }

  @Test
  void aKnownKeyAtAnotherVersionIsResent() {
    Snapshot s = Snapshot.of(1, List.of(Resources.backend("a", 1)));
    assertThat(Deltas.changed(s, Map.of("backend/a", "stale"))).hasSize(1);
  }
}
