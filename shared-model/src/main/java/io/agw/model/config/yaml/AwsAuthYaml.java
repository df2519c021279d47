package io.agw.model.config.yaml;

/**
 * AWS SigV4 credentials for {@code backendAuth.aws}: {@code accessKeyId} and {@code
 * secretAccessKey} (and {@code sessionToken}) as secrets, or none of them for the AWS SDK's default
 * credential chain (environment, profile files with {@code AWS_PROFILE}, container and instance
 * roles). {@code region} and {@code serviceName} override the signing scope.
 */
@AgentgatewayDefinition("AwsAuth")
public record AwsAuthYaml(
    SecretYaml accessKeyId,
    SecretYaml secretAccessKey,
    SecretYaml sessionToken,
    String region,
    String serviceName) {}
