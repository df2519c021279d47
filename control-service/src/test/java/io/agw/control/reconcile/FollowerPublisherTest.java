package io.agw.control.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.control.translate.ClusterView;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A follower re-translates when any object the translator reads changes: its fingerprint covers
 * ConfigMaps (API key sources) as well as the other kinds.
 */
class FollowerPublisherTest {

  static ClusterView withConfigMaps(List<ConfigMap> configMaps) {
    return new ClusterView(
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        configMaps);
  }

  static ConfigMap keys(String resourceVersion) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("hashed-keys")
        .withNamespace("ai")
        .withUid("u-1")
        .withResourceVersion(resourceVersion)
        .endMetadata()
        .build();
  }

  @Test
  void aChangedAddedOrRemovedConfigMapChangesTheFingerprint() {
    long none = FollowerPublisher.fingerprint(withConfigMaps(List.of()));
    long v1 = FollowerPublisher.fingerprint(withConfigMaps(List.of(keys("1"))));
    long v2 = FollowerPublisher.fingerprint(withConfigMaps(List.of(keys("2"))));
    assertThat(v1).isNotEqualTo(none);
    assertThat(v2).isNotEqualTo(v1);
    assertThat(FollowerPublisher.fingerprint(withConfigMaps(List.of(keys("2"))))).isEqualTo(v2);
  }
}
