package io.agw.model.config.mapping;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.agw.model.config.yaml.PolicyBlock;
import io.agw.model.config.yaml.PolicyField;
import io.agw.model.config.yaml.PolicyFields;
import io.agw.model.resource.v1.PolicySpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every {@link PolicyKindMapping} on the class path, found once with {@link ServiceLoader}, in the
 * order their specs are emitted: the order in which their spec kinds' fields are declared in the
 * {@code PolicySpec.kind} oneof (field numbers are the wire format and say nothing about order),
 * then by field name for two mappings of one spec kind. The order is part of the output (it is the
 * order of a resource's policies, and extension filters are ordered among themselves by position),
 * so placing a kind's field in the proto places the kind. Immutable and thread-safe.
 */
final class PolicyKindRegistry {

  /** Every kind, in emitted order. */
  static final List<PolicyKindMapping<?>> ALL = load();

  private static final Map<PolicyBlock, List<PolicyKindMapping<?>>> BY_BLOCK = byBlock();

  /**
   * What the blocks accept: every kind's field, and {@code health} in the backend block, which is
   * no policy kind but a setting of an {@code ai} provider that agentgateway writes among the
   * backend policies ({@link AiBackendMapper#HEALTH}).
   */
  static final PolicyFields FIELDS = fields();

  private PolicyKindRegistry() {}

  /** The kinds that may be written in {@code block}, in emitted order. */
  static List<PolicyKindMapping<?>> in(PolicyBlock block) {
    return BY_BLOCK.get(block);
  }

  private static List<PolicyKindMapping<?>> load() {
    List<PolicyKindMapping<?>> kinds = new ArrayList<>();
    for (PolicyKindMapping<?> kind :
        ServiceLoader.load(PolicyKindMapping.class, PolicyKindMapping.class.getClassLoader())) {
      kinds.add(kind);
    }
    if (kinds.isEmpty()) {
      throw new IllegalStateException(
          "no policy kinds registered: META-INF/services/" + PolicyKindMapping.class.getName());
    }
    kinds.sort(
        Comparator.<PolicyKindMapping<?>>comparingInt(k -> declarationIndex(k.kind()))
            .thenComparing(PolicyKindMapping::field));
    return List.copyOf(kinds);
  }

  /**
   * The place of {@code kind}'s field in {@code PolicySpec}, as declared (all are in its oneof).
   */
  static int declarationIndex(PolicySpec.KindCase kind) {
    FieldDescriptor field = PolicySpec.getDescriptor().findFieldByNumber(kind.getNumber());
    if (field == null) {
      throw new IllegalStateException("not a field of PolicySpec: " + kind);
    }
    return field.getIndex();
  }

  private static Map<PolicyBlock, List<PolicyKindMapping<?>>> byBlock() {
    Map<PolicyBlock, List<PolicyKindMapping<?>>> byBlock = new EnumMap<>(PolicyBlock.class);
    for (PolicyBlock block : PolicyBlock.values()) {
      byBlock.put(block, ALL.stream().filter(k -> k.yaml().blocks().contains(block)).toList());
    }
    return byBlock;
  }

  private static PolicyFields fields() {
    List<PolicyField> fields = new ArrayList<>();
    ALL.forEach(kind -> fields.add(kind.yaml()));
    fields.add(AiBackendMapper.HEALTH);
    return new PolicyFields(fields);
  }
}
