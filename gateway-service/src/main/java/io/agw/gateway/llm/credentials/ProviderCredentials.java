package io.agw.gateway.llm.credentials;

import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.llm.provider.UpstreamCredentials;
import io.agw.gateway.llm.provider.bedrock.SigV4Credentials;
import io.agw.gateway.llm.registry.ProviderKind;
import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.AwsAuth;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Builds the {@link UpstreamCredentials} of one configured provider from its {@code backendAuth}:
 * AWS SigV4 for an {@code aws} policy, Google OAuth tokens for a {@code gcp} one, else what the
 * provider's adapter makes of the key ({@link
 * io.agw.gateway.llm.provider.ProviderAdapter#credentials}). Secrets are resolved now, so a missing
 * one refuses the state. Stateless.
 */
public final class ProviderCredentials {

  private static final String DEFAULT_AWS_SERVICE = "bedrock";

  private ProviderCredentials() {}

  /**
   * @throws IllegalArgumentException when the auth does not fit the provider or a secret is missing
   */
  public static UpstreamCredentials of(
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
    return kind.adapter().credentials(config, apiKey);
  }

  private static UpstreamCredentials sigV4(AiProvider config, AwsAuth aws, SecretResolver secrets) {
    String region = aws.getRegion();
    if (region.isEmpty() && config.hasBedrock()) {
      region = config.getBedrock().getRegion();
    }
    if (region.isEmpty()) {
      throw new IllegalArgumentException("backendAuth aws needs a region");
    }
    return aws(aws, region, secrets);
  }

  /**
   * SigV4 signing with {@code aws}'s keys, or the AWS SDK's default chain when it names none, for
   * {@code defaultRegion} unless {@code aws} names its own region.
   *
   * @throws IllegalArgumentException when a secret is missing
   */
  public static UpstreamCredentials aws(AwsAuth aws, String defaultRegion, SecretResolver secrets) {
    String region = aws.getRegion().isEmpty() ? defaultRegion : aws.getRegion();
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
