package io.agw.model.config.mapping;

import io.agw.model.config.yaml.BackendPoliciesYaml;
import io.agw.model.config.yaml.ListenerPoliciesYaml;
import io.agw.model.config.yaml.RoutePoliciesYaml;
import io.agw.model.resource.v1.PolicySpec;
import java.util.List;
import java.util.function.Function;

/**
 * How one policy kind is read from configuration: its YAML field, the policy blocks it may appear
 * in (listener, route, backend; a {@code null} accessor means "not there"), and how its YAML value
 * becomes {@link PolicySpec}s. {@link PolicyKinds#ALL} lists every kind; {@link PolicyMapper} maps
 * a block by asking each kind in turn. Immutable.
 *
 * @param <Y> the kind's YAML record
 */
record PolicyKindMapping<Y>(
    String field,
    Function<ListenerPoliciesYaml, ? extends Y> onListener,
    Function<RoutePoliciesYaml, ? extends Y> onRoute,
    Function<BackendPoliciesYaml, ? extends Y> onBackend,
    SpecMapper<Y> mapper) {

  /** Maps a present YAML value (never null) at {@code path} to specs, reporting to {@code ctx}. */
  @FunctionalInterface
  interface SpecMapper<Y> {
    void map(MappingContext ctx, String path, Y yaml, List<PolicySpec> out);
  }

  /** A kind that maps to specs with {@code mapper}, allowed nowhere until placed. */
  static <Y> PolicyKindMapping<Y> kind(String field, SpecMapper<Y> mapper) {
    return new PolicyKindMapping<>(field, null, null, null, mapper);
  }

  PolicyKindMapping<Y> onListener(Function<ListenerPoliciesYaml, ? extends Y> accessor) {
    return new PolicyKindMapping<>(field, accessor, onRoute, onBackend, mapper);
  }

  PolicyKindMapping<Y> onRoute(Function<RoutePoliciesYaml, ? extends Y> accessor) {
    return new PolicyKindMapping<>(field, onListener, accessor, onBackend, mapper);
  }

  PolicyKindMapping<Y> onBackend(Function<BackendPoliciesYaml, ? extends Y> accessor) {
    return new PolicyKindMapping<>(field, onListener, onRoute, accessor, mapper);
  }

  void fromListener(
      MappingContext ctx, String path, ListenerPoliciesYaml block, List<PolicySpec> out) {
    from(onListener, ctx, path, block, out);
  }

  void fromRoute(MappingContext ctx, String path, RoutePoliciesYaml block, List<PolicySpec> out) {
    from(onRoute, ctx, path, block, out);
  }

  void fromBackend(
      MappingContext ctx, String path, BackendPoliciesYaml block, List<PolicySpec> out) {
    from(onBackend, ctx, path, block, out);
  }

  private <B> void from(
      Function<B, ? extends Y> accessor,
      MappingContext ctx,
      String path,
      B block,
      List<PolicySpec> out) {
    if (accessor == null) {
      return;
    }
    Y yaml = accessor.apply(block);
    if (yaml != null) {
      mapper.map(ctx, path + "." + field, yaml, out);
    }
  }
}
