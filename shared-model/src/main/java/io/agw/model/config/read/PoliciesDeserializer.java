package io.agw.model.config.read;

import io.agw.model.config.yaml.BackendPoliciesYaml;
import io.agw.model.config.yaml.ListenerPoliciesYaml;
import io.agw.model.config.yaml.PoliciesYaml;
import io.agw.model.config.yaml.PolicyBlock;
import io.agw.model.config.yaml.PolicyFields;
import io.agw.model.config.yaml.RoutePoliciesYaml;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Reads a {@code policies} block by looking each field up in the {@link PolicyFields} of the read
 * (an attribute keyed by {@code PolicyFields.class}) and binding its value to the type registered
 * for it, with the same context, so a wrong value is reported with its full path as for any other
 * record. Unknown fields go to the context's problem handler after the block is read, as Jackson
 * does for records, so they get the same "did you mean" or "not supported yet" and the same order.
 * Stateless and thread-safe.
 */
final class PoliciesDeserializer extends ValueDeserializer<PoliciesYaml> {

  private final Class<? extends PoliciesYaml> type;
  private final PolicyBlock block;
  private final Function<Map<String, Object>, PoliciesYaml> create;
  private final List<String> knownNames;

  private PoliciesDeserializer(
      Class<? extends PoliciesYaml> type,
      PolicyBlock block,
      Function<Map<String, Object>, PoliciesYaml> create,
      List<String> knownNames) {
    this.type = type;
    this.block = block;
    this.create = create;
    this.knownNames = knownNames;
  }

  /** The deserializers of the three blocks. */
  static SimpleModule module() {
    SimpleModule module = new SimpleModule("policy-blocks");
    add(module, ListenerPoliciesYaml.class, PolicyBlock.LISTENER, ListenerPoliciesYaml::new);
    add(module, RoutePoliciesYaml.class, PolicyBlock.ROUTE, RoutePoliciesYaml::new);
    add(module, BackendPoliciesYaml.class, PolicyBlock.BACKEND, BackendPoliciesYaml::new);
    return module;
  }

  @SuppressWarnings("unchecked")
  private static <T extends PoliciesYaml> void add(
      SimpleModule module,
      Class<T> type,
      PolicyBlock block,
      Function<Map<String, Object>, PoliciesYaml> create) {
    module.addDeserializer(
        type, (ValueDeserializer<T>) new PoliciesDeserializer(type, block, create, List.of()));
  }

  @Override
  public Class<?> handledType() {
    return type;
  }

  /** The block's field names, for the problem handler's suggestions. */
  @Override
  public Collection<Object> getKnownPropertyNames() {
    return new ArrayList<>(knownNames);
  }

  @Override
  public PoliciesYaml deserialize(JsonParser p, DeserializationContext ctxt) {
    String name;
    if (p.isExpectedStartObjectToken()) {
      name = p.nextName();
    } else if (p.hasToken(JsonToken.PROPERTY_NAME)) {
      name = p.currentName();
    } else if (p.hasToken(JsonToken.END_OBJECT)) {
      name = null;
    } else {
      return (PoliciesYaml) ctxt.handleUnexpectedToken(type, p);
    }
    Map<String, Type> fields = fields(ctxt).in(block);
    Map<String, Object> values = new LinkedHashMap<>();
    TokenBuffer unknown = null;
    for (; name != null; name = p.nextName()) {
      JsonToken token = p.nextToken();
      Type fieldType = fields.get(name);
      if (fieldType == null) {
        if (unknown == null) {
          unknown = ctxt.bufferForInputBuffering(p);
          unknown.writeStartObject();
        }
        unknown.writeName(name);
        unknown.copyCurrentStructure(p);
        continue;
      }
      try {
        ValueDeserializer<Object> value =
            ctxt.findContextualValueDeserializer(ctxt.constructType(fieldType), null);
        values.put(
            name,
            token == JsonToken.VALUE_NULL ? value.getNullValue(ctxt) : value.deserialize(p, ctxt));
      } catch (RuntimeException e) {
        throw DatabindException.wrapWithPath(e, type, name);
      }
    }
    if (unknown != null) {
      reportUnknown(unknown, ctxt, List.copyOf(fields.keySet()));
    }
    return create.apply(values);
  }

  /**
   * Hands every unknown field to the problem handler once the block is read. The main parser then
   * sits just after the block, which is what the handler takes the block's path from.
   */
  private void reportUnknown(TokenBuffer unknown, DeserializationContext ctxt, List<String> names) {
    unknown.writeEndObject();
    PoliciesDeserializer named = new PoliciesDeserializer(type, block, create, names);
    try (JsonParser buffered = unknown.asParser(ctxt)) {
      buffered.nextToken();
      while (buffered.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = buffered.currentName();
        buffered.nextToken();
        ctxt.handleUnknownProperty(buffered, named, type, name);
      }
    }
  }

  private static PolicyFields fields(DeserializationContext ctxt) {
    Object fields = ctxt.getAttribute(PolicyFields.class);
    if (fields == null) {
      throw new IllegalStateException("policy blocks are read with the PolicyFields attribute set");
    }
    return (PolicyFields) fields;
  }
}
