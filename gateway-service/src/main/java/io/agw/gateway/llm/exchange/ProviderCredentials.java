package io.agw.gateway.llm.exchange;

import io.agw.gateway.llm.ProviderKind;
import io.agw.gateway.llm.provider.bedrock.SigV4Credentials;
import io.agw.gateway.llm.provider.copilot.CopilotCredentials;
import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.AwsAuth;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Builds the {@link UpstreamCredentials} of one configured provider from its {@code backendAuth}:
 * AWS SigV4 for an {@code aws} policy, Google OAuth tokens for a {@code gcp} one (or Vertex AI
 * without any), the Copilot token exchange for a key on a Copilot provider, else the key where the
 * provider's adapter reads it. Secrets are resolved now, so a missing one refuses the state.
 * Stateless.
 */
final class ProviderCredentials {

  private static final String DEFAULT_AWS_SERVICE = "bedrock";

  private ProviderCredentials() {}

  /**
   * @throws IllegalArgumentException when the auth does not fit the provider or a secret is missing
   */
  static UpstreamCredentials of(
      ProviderKind kind,
      AiProvider config,
      String apiKey,
      AwsAuth aws,
      UpstreamCredentials gcp,
      SecretResolver secrets) {
    if (aws != null) {
      return sigV4(config, aws, secrets);
    }
    if (gcp != null) {
      return gcp;
    }
    if (kind == ProviderKind.BEDROCK && apiKey == null) {
      // No credentials configured: SigV4 with the AWS SDK's default chain (environment, profile,
      // container or instance role), as AWS clients do.
      return sigV4(config, AwsAuth.getDefaultInstance(), secrets);
    }
    if (kind == ProviderKind.COPILOT) {
      if (apiKey == null) {
        throw new IllegalArgumentException(
            "a copilot provider needs backendAuth key (a GitHub token)");
      }
      return new CopilotCredentials(apiKey, config.getCopilot().getTokenUrl());
    }
    // Without a key, Vertex AI falls back to Google's application default credentials.
    return apiKey == null
        ? GcpCredentialsFactory.implicit(kind)
        : UpstreamCredentials.apiKey(kind.adapter(), config, apiKey);
  }

  private static UpstreamCredentials sigV4(AiProvider config, AwsAuth aws, SecretResolver secrets) {
    String region = aws.getRegion();
    if (region.isEmpty() && config.hasBedrock()) {
      region = config.getBedrock().getRegion();
    }
    if (region.isEmpty()) {
      throw new IllegalArgumentException("backendAuth aws needs a region");
    }
    String service = aws.getServiceName().isEmpty() ? DEFAULT_AWS_SERVICE : aws.getServiceName();
    AwsCredentialsProvider provider;
    if (aws.hasAccessKeyId()) {
      String id = secrets.resolve(aws.getAccessKeyId());
      String secret = secrets.resolve(aws.getSecretAccessKey());
      provider =
          StaticCredentialsProvider.create(
              aws.hasSessionToken()
                  ? AwsSessionCredentials.create(id, secret, secrets.resolve(aws.getSessionToken()))
                  : AwsBasicCredentials.create(id, secret));
    } else {
      provider = DefaultCredentialsProvider.builder().build();
    }
    return new SigV4Credentials(provider, region, service);
  }
}
