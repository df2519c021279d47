package io.agw.model.config.read;

import io.agw.model.config.ConfigErrors;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges {@code llm.providers} into the models that reference them ({@code provider: {reference:
 * <name>}}), as agentgateway does: the model takes the provider's kind and {@code params} (the
 * model may set only {@code params.model}, which wins), the maps of the provider's {@code defaults}
 * ({@code defaults}, {@code overrides}, {@code transformation}) are merged under the model's own,
 * and its other defaults apply where the model sets nothing. A provider cannot reference another.
 * Copied parts keep the provider's path for problems found later. Stateless.
 */
final class LlmProviderReferences {

  private static final List<String> MERGED_MAPS =
      List.of("defaults", "overrides", "transformation");

  private LlmProviderReferences() {}

  static void merge(ObjectNode root, ConfigErrors errors, PathTranslation paths) {
    if (!(root.get("llm") instanceof ObjectNode llm)) {
      return;
    }
    JsonNode providers = llm.remove("providers");
    Map<String, Integer> indexByName = new HashMap<>();
    if (providers != null && !providers.isNull()) {
      if (!providers.isArray()) {
        errors.add("llm.providers", "expected a list");
        return;
      }
      for (int i = 0; i < providers.size(); i++) {
        String path = "llm.providers[" + i + "]";
        JsonNode provider = providers.get(i);
        JsonNode name = provider.get("name");
        if (name == null || !name.isString()) {
          errors.add(
              path + ".name", "required field is missing; models reference a provider by it");
        } else if (indexByName.putIfAbsent(name.asString(), i) != null) {
          errors.add(path + ".name", "duplicate provider name '" + name.asString() + "'");
        }
        if (!provider.has("provider")) {
          errors.add(path + ".provider", "required field is missing");
        } else if (provider.get("provider").has("reference")) {
          errors.add(path + ".provider", "a provider cannot reference another provider");
        }
      }
    }
    JsonNode models = llm.get("models");
    if (models == null || !models.isArray()) {
      return;
    }
    for (int m = 0; m < models.size(); m++) {
      if (!(models.get(m) instanceof ObjectNode model)
          || !(model.get("provider") instanceof ObjectNode ref)
          || !ref.has("reference")) {
        continue;
      }
      String path = "llm.models[" + m + "]";
      String name = LayoutNormalizer.text(ref.get("reference"));
      Integer index = indexByName.get(name);
      if (index == null) {
        errors.add(
            path + ".provider.reference",
            indexByName.isEmpty()
                ? "unknown provider '" + name + "'; llm.providers defines none"
                : "unknown provider '"
                    + name
                    + "'; llm.providers defines: "
                    + String.join(", ", indexByName.keySet()));
        model.remove("provider");
        continue;
      }
      String providerPath = "llm.providers[" + index + "]";
      Set<String> written = new HashSet<>(model.propertyNames());
      apply(model, path, (ObjectNode) providers.get(index), providerPath, errors);
      paths.map(path + ".provider", providerPath + ".provider");
      paths.map(path + ".params", providerPath + ".params");
      paths.map(path + ".params.model", path + ".params.model");
      for (String field : model.propertyNames()) {
        if (!written.contains(field)) {
          paths.map(path + "." + field, providerPath + ".defaults." + field);
        }
      }
    }
  }

  private static void apply(
      ObjectNode model, String path, ObjectNode provider, String providerPath, ConfigErrors e) {
    JsonNode params = model.get("params");
    JsonNode modelName = null;
    if (params instanceof ObjectNode written) {
      for (String field : written.propertyNames()) {
        if (!field.equals("model")) {
          e.add(
              path + ".params." + field,
              "a model that references a provider sets only params.model; set '"
                  + field
                  + "' on "
                  + providerPath
                  + ".params");
        }
      }
      modelName = written.get("model");
    }
    ObjectNode merged =
        provider.get("params") instanceof ObjectNode own ? own.deepCopy() : model.objectNode();
    if (modelName != null) {
      merged.set("model", modelName);
    }
    model.set("params", merged);
    model.set("provider", provider.get("provider").deepCopy());
    if (!(provider.get("defaults") instanceof ObjectNode defaults)) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : defaults.properties()) {
      String name = field.getKey();
      JsonNode own = model.get(name);
      if (MERGED_MAPS.contains(name)
          && own instanceof ObjectNode ownMap
          && field.getValue() instanceof ObjectNode providerMap) {
        ObjectNode combined = providerMap.deepCopy();
        combined.setAll(ownMap);
        model.set(name, combined);
      } else if (own == null || own.isNull()) {
        model.set(name, field.getValue().deepCopy());
      }
    }
  }
}
