package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code explicitConfig.clientSecret}: a service principal's {@code tenant_id}, {@code client_id}
 * and {@code client_secret} (a secret: a value, {@code $NAME} or {@code {file: path}}), spelled in
 * snake case as agentgateway spells them.
 */
public record AzureClientSecretYaml(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("client_id") String clientId,
    @JsonProperty("client_secret") SecretYaml clientSecret) {}
