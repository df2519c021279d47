package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import io.agw.model.config.yaml.AuthorizationYaml;
import io.agw.model.config.yaml.ConditionalTransformYaml;
import io.agw.model.config.yaml.RuleYaml;
import io.agw.model.config.yaml.TransformYaml;
import io.agw.model.config.yaml.TransformationsYaml;
import io.agw.model.resource.v1.Authorization;
import io.agw.model.resource.v1.AuthorizationRule;
import io.agw.model.resource.v1.ConditionalTransformation;
import io.agw.model.resource.v1.HeaderExpression;
import io.agw.model.resource.v1.Transform;
import io.agw.model.resource.v1.Transformations;
import java.util.List;
import java.util.Map;

/**
 * Maps the policies written in CEL: {@code authorization} and {@code transformations}. Every
 * expression is parsed and type-checked here, so that a bad one is refused with its path and
 * position.
 */
final class CelPolicyMapper {

  private final MappingContext ctx;

  CelPolicyMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  Authorization authorization(String path, AuthorizationYaml yaml) {
    Authorization.Builder b = Authorization.newBuilder();
    if (!ctx.require(path + ".rules", yaml.rules())) {
      return b.build();
    }
    for (int i = 0; i < yaml.rules().size(); i++) {
      String p = path + ".rules[" + i + "]";
      RuleYaml rule = yaml.rules().get(i);
      if (rule == null
          || HeaderPolicyMapper.count(rule.allow(), rule.deny(), rule.require()) != 1) {
        ctx.error(p, "set exactly one of allow, deny, require");
        continue;
      }
      AuthorizationRule.Builder r = AuthorizationRule.newBuilder();
      if (rule.allow() != null) {
        ctx.checkCel(p + ".allow", rule.allow());
        r.setAllow(rule.allow());
      } else if (rule.deny() != null) {
        ctx.checkCel(p + ".deny", rule.deny());
        r.setDeny(rule.deny());
      } else {
        ctx.checkCel(p + ".require", rule.require());
        r.setRequire(rule.require());
      }
      b.addRules(r);
    }
    return b.build();
  }

  Transformations transformations(String path, TransformationsYaml yaml) {
    Transformations.Builder b = Transformations.newBuilder();
    boolean plain = yaml.request() != null || yaml.response() != null;
    if (yaml.conditional() != null && plain) {
      ctx.error(path, "set either conditional, or request and response, not both");
      return b.build();
    }
    if (yaml.conditional() == null) {
      b.addEntries(
          entry(path, new ConditionalTransformYaml(null, yaml.request(), yaml.response())));
      return b.build();
    }
    List<ConditionalTransformYaml> entries = yaml.conditional();
    for (int i = 0; i < entries.size(); i++) {
      String p = path + ".conditional[" + i + "]";
      if (entries.get(i) == null) {
        ctx.error(p, "must not be empty");
        continue;
      }
      if (entries.get(i).condition() == null && i != entries.size() - 1) {
        ctx.error(p, "only the last entry may have no condition (it is the fallback)");
      }
      b.addEntries(entry(p, entries.get(i)));
    }
    return b.build();
  }

  private ConditionalTransformation entry(String path, ConditionalTransformYaml yaml) {
    ConditionalTransformation.Builder b = ConditionalTransformation.newBuilder();
    if (yaml.condition() != null) {
      ctx.checkCel(path + ".condition", yaml.condition());
      b.setCondition(yaml.condition());
    }
    if (yaml.request() != null) {
      b.setRequest(transform(path + ".request", yaml.request()));
    }
    if (yaml.response() != null) {
      b.setResponse(transform(path + ".response", yaml.response()));
    }
    return b.build();
  }

  private Transform transform(String path, TransformYaml yaml) {
    Transform.Builder b = Transform.newBuilder();
    headers(path + ".add", yaml.add()).forEach(b::addAdd);
    headers(path + ".set", yaml.set()).forEach(b::addSet);
    for (int i = 0; i < list(yaml.remove()).size(); i++) {
      String name = yaml.remove().get(i);
      if (name == null || name.isBlank()) {
        ctx.error(path + ".remove[" + i + "]", "a header name must not be empty");
      } else {
        b.addRemove(name);
      }
    }
    if (yaml.body() != null) {
      ctx.checkCel(path + ".body", yaml.body());
      b.setBody(yaml.body());
    }
    if (yaml.replace() != null) {
      ctx.checkCel(path + ".replace", yaml.replace());
      b.setReplace(yaml.replace());
    }
    headers(path + ".metadata", yaml.metadata()).forEach(b::addMetadata);
    return b.build();
  }

  private List<HeaderExpression> headers(String path, Map<String, String> headers) {
    if (headers == null) {
      return List.of();
    }
    return headers.entrySet().stream()
        .filter(
            e -> {
              if (e.getKey().isBlank()) {
                ctx.error(path, "a header name must not be empty");
                return false;
              }
              if (e.getValue() == null) {
                ctx.error(path + "." + e.getKey(), "a CEL expression must not be null");
                return false;
              }
              ctx.checkCel(path + "." + e.getKey(), e.getValue());
              return true;
            })
        .map(
            e ->
                HeaderExpression.newBuilder()
                    .setName(e.getKey())
                    .setExpression(e.getValue())
                    .build())
        .toList();
  }
}
