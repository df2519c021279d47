package io.agw.model.config.mapping;

import io.agw.model.config.yaml.BackendAuthYaml;
import io.agw.model.config.yaml.BackendPoliciesYaml;
import io.agw.model.config.yaml.BedrockGuardrailsYaml;
import io.agw.model.config.yaml.GoogleModelArmorYaml;
import io.agw.model.resource.v1.BedrockGuardrails;
import io.agw.model.resource.v1.GoogleModelArmor;
import io.agw.model.resource.v1.PolicySpec;
import java.util.List;
import java.util.Set;

/**
 * Maps the guard kinds backed by a cloud provider's guardrail service: {@code bedrockGuardrails}
 * and {@code googleModelArmor}. Their {@code policies} take {@code backendAuth} (of the cloud's
 * kind) and {@code backendTLS}; any other backend policy is refused with its path.
 */
final class CloudGuardMapper {

  private static final Set<String> GUARD_POLICIES = Set.of("backendAuth", "backendTLS");

  /** An AWS region or a Google Cloud location: what may stand in a host name. */
  private static final String REGION = "[a-z0-9-]+";

  /** Identifiers that become path segments (percent-encoded): no spaces, no URL syntax. */
  private static final String SEGMENT = "[A-Za-z0-9._:-]+";

  /** A guardrail id, or its ARN ({@code arn:aws:bedrock:<region>:<account>:guardrail/<id>}). */
  private static final String GUARDRAIL = "[A-Za-z0-9._:/-]+";

  private final MappingContext ctx;

  CloudGuardMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  BedrockGuardrails bedrock(String path, BedrockGuardrailsYaml yaml) {
    BedrockGuardrails.Builder b = BedrockGuardrails.newBuilder();
    if (segment(path + ".guardrailIdentifier", yaml.guardrailIdentifier(), GUARDRAIL)) {
      b.setGuardrailIdentifier(yaml.guardrailIdentifier());
    }
    if (segment(path + ".guardrailVersion", yaml.guardrailVersion())) {
      b.setGuardrailVersion(yaml.guardrailVersion());
    }
    if (ctx.require(path + ".region", yaml.region())) {
      if (yaml.region().matches(REGION)) {
        b.setRegion(yaml.region());
      } else {
        ctx.error(path + ".region", "an AWS region such as us-east-1");
      }
    }
    BackendAuthYaml auth = auth(yaml.policies());
    if (auth != null && (auth.key() != null || auth.gcp() != null)) {
      ctx.error(path + ".policies.backendAuth", "a Bedrock guardrail signs with aws credentials");
    }
    b.addAllPolicies(policies(path + ".policies", yaml.policies()));
    return b.build();
  }

  GoogleModelArmor modelArmor(String path, GoogleModelArmorYaml yaml) {
    GoogleModelArmor.Builder b = GoogleModelArmor.newBuilder();
    if (segment(path + ".templateId", yaml.templateId())) {
      b.setTemplateId(yaml.templateId());
    }
    if (segment(path + ".projectId", yaml.projectId())) {
      b.setProjectId(yaml.projectId());
    }
    if (yaml.location() != null) {
      if (yaml.location().matches(REGION)) {
        b.setLocation(yaml.location());
      } else {
        ctx.error(path + ".location", "a Google Cloud location such as us-central1");
      }
    }
    BackendAuthYaml auth = auth(yaml.policies());
    if (auth != null && auth.aws() != null) {
      ctx.error(
          path + ".policies.backendAuth", "Model Armor takes gcp credentials or a bearer key");
    }
    b.addAllPolicies(policies(path + ".policies", yaml.policies()));
    return b.build();
  }

  private boolean segment(String path, String value) {
    return segment(path, value, SEGMENT);
  }

  private boolean segment(String path, String value, String allowed) {
    if (!ctx.require(path, value)) {
      return false;
    }
    if (!value.matches(allowed)) {
      ctx.error(
          path,
          allowed.equals(GUARDRAIL)
              ? "a guardrail id or ARN: letters, digits and . _ : / - only"
              : "letters, digits and . _ : - only");
      return false;
    }
    return true;
  }

  private static BackendAuthYaml auth(BackendPoliciesYaml policies) {
    return policies == null ? null : policies.get("backendAuth", BackendAuthYaml.class);
  }

  private List<PolicySpec> policies(String path, BackendPoliciesYaml yaml) {
    if (yaml == null) {
      return List.of();
    }
    for (String name : yaml.values().keySet()) {
      if (!GUARD_POLICIES.contains(name)) {
        ctx.error(path + "." + name, "a guard's policies take backendAuth and backendTLS only");
      }
    }
    return new PolicyMapper(ctx).aiProvider(path, yaml);
  }
}
