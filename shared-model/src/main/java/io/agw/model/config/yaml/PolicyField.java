package io.agw.model.config.yaml;

import java.lang.reflect.Type;
import java.util.EnumSet;
import java.util.Set;

/**
 * One name a policy block accepts: the YAML field, the type its value is read into (a record of
 * this package, or a list of them), and the blocks it may be written in. Immutable.
 */
public record PolicyField(String name, Type type, Set<PolicyBlock> blocks) {

  public PolicyField {
    if (name == null || name.isBlank() || type == null || blocks == null || blocks.isEmpty()) {
      throw new IllegalArgumentException(
          "a policy field needs a name, a type and at least one block: " + name);
    }
    blocks = Set.copyOf(EnumSet.copyOf(blocks));
  }
}
