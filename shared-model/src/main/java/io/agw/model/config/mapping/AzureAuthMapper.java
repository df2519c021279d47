package io.agw.model.config.mapping;

import io.agw.model.config.yaml.AzureAuthYaml;
import io.agw.model.config.yaml.AzureClientSecretYaml;
import io.agw.model.config.yaml.AzureExplicitConfigYaml;
import io.agw.model.config.yaml.AzureUserAssignedIdentityYaml;
import io.agw.model.resource.v1.AzureAuth;
import io.agw.model.resource.v1.SecretSource;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Maps {@code backendAuth.azure} (agentgateway's {@code AzureAuth}) to {@link AzureAuth}: exactly
 * one source, and for a client secret all three of tenant, client and secret. The secret stays a
 * reference when written as one.
 */
final class AzureAuthMapper {

  private final MappingContext ctx;
  private final SecretMapper secrets;

  AzureAuthMapper(MappingContext ctx, SecretMapper secrets) {
    this.ctx = ctx;
    this.secrets = secrets;
  }

  Optional<AzureAuth> azure(String path, AzureAuthYaml yaml) {
    if (count(yaml.explicitConfig(), yaml.developerImplicit(), yaml.implicit()) != 1) {
      ctx.error(path, "set exactly one of explicitConfig, developerImplicit, implicit");
      return Optional.empty();
    }
    if (yaml.developerImplicit() != null) {
      return Optional.of(source(AzureAuth.Source.DEVELOPER_IMPLICIT));
    }
    if (yaml.implicit() != null) {
      return Optional.of(source(AzureAuth.Source.IMPLICIT));
    }
    return explicit(path + ".explicitConfig", yaml.explicitConfig());
  }

  private Optional<AzureAuth> explicit(String path, AzureExplicitConfigYaml yaml) {
    if (count(yaml.clientSecret(), yaml.managedIdentity(), yaml.workloadIdentity()) != 1) {
      ctx.error(path, "set exactly one of clientSecret, managedIdentity, workloadIdentity");
      return Optional.empty();
    }
    if (yaml.workloadIdentity() != null) {
      return Optional.of(source(AzureAuth.Source.WORKLOAD_IDENTITY));
    }
    if (yaml.managedIdentity() != null) {
      return managedIdentity(
          path + ".managedIdentity.userAssignedIdentity",
          yaml.managedIdentity().userAssignedIdentity());
    }
    return clientSecret(path + ".clientSecret", yaml.clientSecret());
  }

  private Optional<AzureAuth> managedIdentity(String path, AzureUserAssignedIdentityYaml yaml) {
    AzureAuth.Builder b = AzureAuth.newBuilder().setSource(AzureAuth.Source.MANAGED_IDENTITY);
    if (yaml == null) {
      return Optional.of(b.build());
    }
    if (count(yaml.clientId(), yaml.objectId(), yaml.resourceId()) != 1) {
      ctx.error(path, "set exactly one of clientId, objectId, resourceId");
      return Optional.empty();
    }
    if (yaml.clientId() != null) {
      return nonBlank(path + ".clientId", yaml.clientId())
          .map(id -> b.setIdentityClientId(id).build());
    }
    if (yaml.objectId() != null) {
      return nonBlank(path + ".objectId", yaml.objectId())
          .map(id -> b.setIdentityObjectId(id).build());
    }
    return nonBlank(path + ".resourceId", yaml.resourceId())
        .map(id -> b.setIdentityResourceId(id).build());
  }

  private Optional<AzureAuth> clientSecret(String path, AzureClientSecretYaml yaml) {
    Optional<String> tenantId = required(path + ".tenant_id", yaml.tenantId());
    Optional<String> clientId = required(path + ".client_id", yaml.clientId());
    Optional<SecretSource> clientSecret =
        ctx.require(path + ".client_secret", yaml.clientSecret())
            ? secrets.secret(path + ".client_secret", yaml.clientSecret())
            : Optional.empty();
    if (tenantId.isEmpty() || clientId.isEmpty() || clientSecret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        AzureAuth.newBuilder()
            .setSource(AzureAuth.Source.CLIENT_SECRET)
            .setTenantId(tenantId.get())
            .setClientId(clientId.get())
            .setClientSecret(clientSecret.get())
            .build());
  }

  private Optional<String> required(String path, String value) {
    return ctx.require(path, value) ? nonBlank(path, value) : Optional.empty();
  }

  private Optional<String> nonBlank(String path, String value) {
    if (value.isBlank()) {
      ctx.error(path, "must not be empty");
      return Optional.empty();
    }
    return Optional.of(value);
  }

  private static AzureAuth source(AzureAuth.Source source) {
    return AzureAuth.newBuilder().setSource(source).build();
  }

  private static long count(Object... options) {
    return Stream.of(options).filter(o -> o != null).count();
  }
}
