package io.agw.model.config.yaml;

import java.lang.reflect.Type;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each policy block accepts: for every {@link PolicyBlock}, the field names in registry order
 * with the type each value is read into. The reader binds a block's fields with it; the names are
 * also the suggestions for a misspelt one. Immutable and thread-safe.
 */
public final class PolicyFields {

  private final Map<PolicyBlock, Map<String, Type>> byBlock = new EnumMap<>(PolicyBlock.class);

  /**
   * @param fields every field, in the order they are to be listed
   * @throws IllegalStateException when two fields of one block have the same name
   */
  public PolicyFields(List<PolicyField> fields) {
    for (PolicyBlock block : PolicyBlock.values()) {
      Map<String, Type> names = new LinkedHashMap<>();
      for (PolicyField field : fields) {
        if (field.blocks().contains(block) && names.put(field.name(), field.type()) != null) {
          throw new IllegalStateException(
              "two policy kinds named '" + field.name() + "' in the " + block + " block");
        }
      }
      byBlock.put(block, Collections.unmodifiableMap(names));
    }
  }

  /** The fields of {@code block}, by name, in registry order. */
  public Map<String, Type> in(PolicyBlock block) {
    return byBlock.get(block);
  }
}
