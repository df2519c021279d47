package io.agw.model.config.mapping;

import io.agw.model.config.yaml.PolicyBlock;
import io.agw.model.config.yaml.PolicyField;
import io.agw.model.resource.v1.PolicySpec;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.EnumSet;
import java.util.List;

/**
 * How one policy kind is read from configuration: its YAML field, read into the type argument
 * {@code Y}; the blocks it may be written in; the {@link PolicySpec} kind it emits; and how a
 * written value becomes specs ({@link #map}).
 *
 * <p>A kind registers itself from its own file: a subclass that extends {@code
 * PolicyKindMapping<ItsYaml>} directly, is annotated {@code @AutoService(PolicyKindMapping.class)}
 * (which writes its {@code META-INF/services} entry at compile time), and has a public no-argument
 * constructor; it is public only because {@link java.util.ServiceLoader} instantiates it. {@link
 * PolicyKindRegistry} finds every kind; neither the blocks nor the mapper name any. Where a kind's
 * specs go among a block's policies is where its spec kind's field is declared in the {@code
 * PolicySpec.kind} oneof of {@code resource.proto}. Immutable and thread-safe.
 *
 * @param <Y> the kind's YAML type (a record of {@code io.agw.model.config.yaml}, or a list of them)
 */
abstract class PolicyKindMapping<Y> {

  private final String field;
  private final PolicySpec.KindCase kind;
  private final PolicyField yaml;

  /**
   * @param field the YAML field, as agentgateway names it where agentgateway has the kind
   * @param kind the spec kind this mapping emits, which places it in the output
   * @param block a block the kind may be written in; {@code more} are the others
   */
  PolicyKindMapping(
      String field, PolicySpec.KindCase kind, PolicyBlock block, PolicyBlock... more) {
    this.field = field;
    this.kind = kind;
    this.yaml = new PolicyField(field, yamlType(), EnumSet.of(block, more));
  }

  /**
   * Maps a written value (never null) at {@code path} to specs, reporting problems to {@code ctx}.
   */
  abstract void map(MappingContext ctx, String path, Y yaml, List<PolicySpec> out);

  /** The YAML field. */
  final String field() {
    return field;
  }

  /** The spec kind this mapping emits. */
  final PolicySpec.KindCase kind() {
    return kind;
  }

  /** The field as the reader sees it: name, type and blocks. */
  final PolicyField yaml() {
    return yaml;
  }

  /** Maps a value the reader bound to this kind's type. */
  @SuppressWarnings("unchecked")
  final void mapValue(MappingContext ctx, String path, Object value, List<PolicySpec> out) {
    map(ctx, path, (Y) value, out);
  }

  /**
   * {@code Y} of the concrete class: {@code PolicyKindMapping<CorsYaml>} reads {@code CorsYaml}.
   */
  private Type yamlType() {
    if (getClass().getGenericSuperclass() instanceof ParameterizedType type
        && type.getRawType() == PolicyKindMapping.class) {
      return type.getActualTypeArguments()[0];
    }
    throw new IllegalStateException(
        getClass().getName() + " must extend PolicyKindMapping<its YAML type> directly");
  }

  @Override
  public String toString() {
    return "policy kind " + field + " (" + kind + ")";
  }
}
