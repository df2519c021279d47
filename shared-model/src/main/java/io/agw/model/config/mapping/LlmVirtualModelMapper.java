package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.agw.model.config.yaml.LlmConditionalYaml;
import io.agw.model.config.yaml.LlmFailoverYaml;
import io.agw.model.config.yaml.LlmVirtualModelYaml;
import io.agw.model.config.yaml.LlmWeightedYaml;
import io.agw.model.resource.v1.AiConditionalModel;
import io.agw.model.resource.v1.AiConditionalTarget;
import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.AiProviderGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps the {@code llm} shorthand's {@code virtualModels}: each target becomes a provider named
 * {@code <virtual>/<target>} that serves the virtual model's name with the settings of the model
 * entry the target resolves to (exact name first, else the longest matching wildcard), its upstream
 * model pinned to the target. Weighted targets share the first group with their weights; failover
 * targets go to one group per priority, lowest first (the first group being the models' own).
 */
final class LlmVirtualModelMapper {

  private final MappingContext ctx;

  LlmVirtualModelMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  /**
   * The backend's groups: {@code models} (the model entries' providers) extended with the virtual
   * models' providers. Conditional virtual models add no provider: they are added to {@code
   * conditionals}, chosen per request.
   */
  List<AiProviderGroup> map(
      String path,
      List<LlmVirtualModelYaml> virtuals,
      AiProviderGroup.Builder models,
      List<AiConditionalModel> conditionals) {
    List<AiProvider> entries = List.copyOf(models.getProvidersList());
    Map<Integer, List<AiProvider>> byRank = new TreeMap<>();
    Set<String> names = new HashSet<>();
    entries.forEach(p -> names.addAll(p.getModelNamesList()));
    for (int i = 0; i < list(virtuals).size(); i++) {
      String vmPath = path + "[" + i + "]";
      LlmVirtualModelYaml vm = virtuals.get(i);
      if (vm == null
          || !ctx.require(vmPath + ".name", vm.name())
              | !ctx.require(vmPath + ".routing", vm.routing())) {
        continue;
      }
      if (!names.add(vm.name())) {
        ctx.error(vmPath + ".name", "'" + vm.name() + "' is already a model name");
        continue;
      }
      var routing = vm.routing();
      int kinds =
          (routing.weighted() == null ? 0 : 1)
              + (routing.failover() == null ? 0 : 1)
              + (routing.conditional() == null ? 0 : 1);
      if (kinds != 1) {
        ctx.errorUnlessReported(vmPath + ".routing", "set one of weighted, failover, conditional");
        continue;
      }
      if (routing.conditional() != null) {
        conditional(vmPath + ".routing.conditional", vm.name(), routing.conditional(), entries)
            .ifPresent(conditionals::add);
      } else if (routing.weighted() != null) {
        weighted(vmPath + ".routing.weighted", vm.name(), routing.weighted(), entries, byRank);
      } else {
        failover(vmPath + ".routing.failover", vm.name(), routing.failover(), entries, byRank);
      }
    }
    List<AiProviderGroup> groups = new ArrayList<>();
    groups.add(models.addAllProviders(byRank.getOrDefault(-1, List.of())).build());
    byRank.remove(-1);
    byRank
        .values()
        .forEach(ps -> groups.add(AiProviderGroup.newBuilder().addAllProviders(ps).build()));
    return groups;
  }

  private void weighted(
      String path,
      String name,
      LlmWeightedYaml yaml,
      List<AiProvider> entries,
      Map<Integer, List<AiProvider>> byRank) {
    if (!ctx.require(path + ".targets", yaml.targets()) || yaml.targets().isEmpty()) {
      ctx.errorUnlessReported(path + ".targets", "must list at least one target");
      return;
    }
    List<AiProvider> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int t = 0; t < yaml.targets().size(); t++) {
      String tPath = path + ".targets[" + t + "]";
      LlmWeightedYaml.Target target = yaml.targets().get(t);
      int weight = target == null || target.weight() == null ? 1 : target.weight();
      if (weight < 0) {
        ctx.error(tPath + ".weight", "a weight is 0 or more");
        continue;
      }
      Optional<AiProvider> p = target(tPath, name, target == null ? null : target.model(), entries);
      if (p.isPresent() && unique(tPath, seen, target.model()) && weight > 0) {
        out.add(p.get().toBuilder().setWeight(weight).build());
      }
    }
    if (out.isEmpty() && !ctx.hasErrorsAt(path)) {
      ctx.error(path + ".targets", "at least one target needs a weight above 0");
    }
    byRank.computeIfAbsent(-1, k -> new ArrayList<>()).addAll(out);
  }

  private void failover(
      String path,
      String name,
      LlmFailoverYaml yaml,
      List<AiProvider> entries,
      Map<Integer, List<AiProvider>> byRank) {
    if (!ctx.require(path + ".targets", yaml.targets()) || yaml.targets().isEmpty()) {
      ctx.errorUnlessReported(path + ".targets", "must list at least one target");
      return;
    }
    TreeMap<Integer, List<AiProvider>> byPriority = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    for (int t = 0; t < yaml.targets().size(); t++) {
      String tPath = path + ".targets[" + t + "]";
      LlmFailoverYaml.Target target = yaml.targets().get(t);
      if (target == null || !ctx.require(tPath + ".priority", target.priority())) {
        continue;
      }
      if (target.priority() < 0) {
        ctx.error(tPath + ".priority", "a priority is 0 or more");
        continue;
      }
      Optional<AiProvider> p = target(tPath, name, target.model(), entries);
      if (p.isPresent() && unique(tPath, seen, target.model())) {
        byPriority.computeIfAbsent(target.priority(), k -> new ArrayList<>()).add(p.get());
      }
    }
    // The lowest priority joins the models' own group; each next one is a later group.
    int rank = -1;
    for (List<AiProvider> ps : byPriority.values()) {
      byRank.computeIfAbsent(rank, k -> new ArrayList<>()).addAll(ps);
      rank++;
    }
  }

  /**
   * A conditional virtual model: its targets in order, each a model some entry serves (internal
   * ones included), the condition checked as CEL.
   */
  private Optional<AiConditionalModel> conditional(
      String path, String name, LlmConditionalYaml yaml, List<AiProvider> entries) {
    if (!ctx.require(path + ".targets", yaml.targets()) || yaml.targets().isEmpty()) {
      ctx.errorUnlessReported(path + ".targets", "must list at least one target");
      return Optional.empty();
    }
    AiConditionalModel.Builder b = AiConditionalModel.newBuilder().setName(name);
    for (int t = 0; t < yaml.targets().size(); t++) {
      String tPath = path + ".targets[" + t + "]";
      LlmConditionalYaml.Target target = yaml.targets().get(t);
      if (target == null || !ctx.require(tPath + ".model", target.model())) {
        continue;
      }
      if (entries.stream()
          .flatMap(e -> e.getModelNamesList().stream())
          .noneMatch(pattern -> matchLength(pattern, target.model()) >= 0)) {
        ctx.error(tPath + ".model", "no entry of llm.models serves '" + target.model() + "'");
        continue;
      }
      AiConditionalTarget.Builder tb = AiConditionalTarget.newBuilder().setModel(target.model());
      if (target.when() != null) {
        ctx.checkCel(tPath + ".when", target.when());
        tb.setWhen(target.when());
      }
      b.addTargets(tb);
    }
    return Optional.of(b.build());
  }

  private boolean unique(String path, Set<String> seen, String model) {
    if (!seen.add(model)) {
      ctx.error(path + ".model", "'" + model + "' is already a target of this virtual model");
      return false;
    }
    return true;
  }

  /** The provider of the entry {@code model} resolves to, renamed and pinned for {@code name}. */
  private Optional<AiProvider> target(
      String path, String name, String model, List<AiProvider> entries) {
    if (!ctx.require(path + ".model", model)) {
      return Optional.empty();
    }
    AiProvider best = null;
    int bestLength = -1;
    for (AiProvider entry : entries) {
      for (String pattern : entry.getModelNamesList()) {
        int length = matchLength(pattern, model);
        if (length > bestLength) {
          best = entry;
          bestLength = length;
        }
      }
    }
    if (best == null) {
      ctx.error(path + ".model", "no entry of llm.models serves '" + model + "'");
      return Optional.empty();
    }
    AiProvider.Builder b =
        best.toBuilder()
            .setName(name + "/" + model)
            .clearModelNames()
            .addModelNames(name)
            .setInternal(false);
    pinModel(b, model);
    return Optional.of(b.build());
  }

  /** How well {@code pattern} matches: exact beats any wildcard, longer prefixes beat shorter. */
  private static int matchLength(String pattern, String model) {
    if (pattern.equals(model)) {
      return Integer.MAX_VALUE;
    }
    if (pattern.endsWith("*") && model.startsWith(pattern.substring(0, pattern.length() - 1))) {
      return pattern.length() - 1;
    }
    return -1;
  }

  /**
   * Sets the provider kind's {@code model} to {@code model} unless the entry pins one already, so
   * that the target, not the virtual name, goes upstream. Every provider kind names that field
   * {@code model}.
   */
  private static void pinModel(AiProvider.Builder b, String model) {
    FieldDescriptor kind =
        b.getOneofFieldDescriptor(
            AiProvider.getDescriptor().findFieldByName("open_ai").getContainingOneof());
    if (kind == null) {
      return;
    }
    Message settings = (Message) b.getField(kind);
    FieldDescriptor field = settings.getDescriptorForType().findFieldByName("model");
    if (field != null && settings.getField(field).toString().isEmpty()) {
      b.setField(kind, settings.toBuilder().setField(field, model).build());
    }
  }
}
