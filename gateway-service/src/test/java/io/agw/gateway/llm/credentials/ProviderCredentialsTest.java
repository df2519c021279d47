package io.agw.gateway.llm.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.llm.provider.OutboundRequest;
import io.agw.gateway.llm.registry.ProviderKind;
import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.AwsAuth;
import io.agw.model.resource.v1.BedrockProvider;
import io.agw.model.resource.v1.SecretSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

class ProviderCredentialsTest {

  private static final AiProvider BEDROCK =
      AiProvider.newBuilder()
          .setName("bedrock")
          .setBedrock(BedrockProvider.newBuilder().setRegion("eu-central-1"))
          .build();

  private static OutboundRequest request() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.HOST, "bedrock-runtime.eu-central-1.amazonaws.com");
    headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
    return new OutboundRequest(
        HttpMethod.POST,
        URI.create("https://bedrock-runtime.eu-central-1.amazonaws.com/model/m/converse"),
        headers,
        "{}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void staticKeysSignForTheProvidersRegionWithTheSessionToken() {
    SecretResolver secrets = new SecretResolver(Map.of("AWS_KEY_ID", "AKIAFROMENVVAR")::get);
    AwsAuth aws =
        AwsAuth.newBuilder()
            .setAccessKeyId(SecretSource.newBuilder().setEnv("AWS_KEY_ID"))
            .setSecretAccessKey(SecretSource.newBuilder().setInline("secret"))
            .setSessionToken(SecretSource.newBuilder().setInline("session-token"))
            .build();
    OutboundRequest request = request();
    ProviderCredentials.of(ProviderKind.BEDROCK, BEDROCK, null, aws, null, secrets)
        .apply(request)
        .block(Duration.ofSeconds(10));

    String authorization = request.headers().getFirst(HttpHeaders.AUTHORIZATION);
    assertThat(authorization)
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIAFROMENVVAR/")
        .contains("/eu-central-1/bedrock/aws4_request")
        .contains("SignedHeaders=content-type;host;")
        .doesNotContain("secret");
    assertThat(request.headers().getFirst("X-Amz-Security-Token")).isEqualTo("session-token");
    assertThat(request.headers().getFirst("X-Amz-Date")).matches("\\d{8}T\\d{6}Z");
  }

  @Test
  void withoutKeysTheSdkChainReadsTheSelectedProfile() throws Exception {
    Path dir = Files.createTempDirectory("agw-aws");
    Path credentials = dir.resolve("credentials");
    Files.writeString(
        credentials,
        "[agw-test]\naws_access_key_id = AKIAFROMPROFILE\naws_secret_access_key = s3cr3t\n");
    String oldFile = System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    String oldProfile = System.setProperty("aws.profile", "agw-test");
    try {
      OutboundRequest request = request();
      AwsAuth aws = AwsAuth.newBuilder().setServiceName("bedrock").setRegion("us-west-2").build();
      ProviderCredentials.of(ProviderKind.BEDROCK, BEDROCK, null, aws, null, new SecretResolver())
          .apply(request)
          .block(Duration.ofSeconds(20));
      assertThat(request.headers().getFirst(HttpHeaders.AUTHORIZATION))
          .startsWith("AWS4-HMAC-SHA256 Credential=AKIAFROMPROFILE/")
          .contains("/us-west-2/bedrock/aws4_request");
    } finally {
      restore("aws.sharedCredentialsFile", oldFile);
      restore("aws.profile", oldProfile);
    }
  }

  @Test
  void aBedrockProviderWithoutBackendAuthSignsWithTheSdkChain() throws Exception {
    Path dir = Files.createTempDirectory("agw-aws");
    Path credentials = dir.resolve("credentials");
    Files.writeString(
        credentials,
        "[agw-default]\naws_access_key_id = AKIADEFAULTCHAIN\naws_secret_access_key = s3cr3t\n");
    String oldFile = System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    String oldProfile = System.setProperty("aws.profile", "agw-default");
    try {
      OutboundRequest request = request();
      ProviderCredentials.of(ProviderKind.BEDROCK, BEDROCK, null, null, null, new SecretResolver())
          .apply(request)
          .block(Duration.ofSeconds(20));
      assertThat(request.headers().getFirst(HttpHeaders.AUTHORIZATION))
          .startsWith("AWS4-HMAC-SHA256 Credential=AKIADEFAULTCHAIN/")
          .contains("/eu-central-1/bedrock/aws4_request");
    } finally {
      restore("aws.sharedCredentialsFile", oldFile);
      restore("aws.profile", oldProfile);
    }
  }

  @Test
  void aCopilotProviderNeedsAGithubToken() {
    AiProvider copilot =
        AiProvider.newBuilder()
            .setName("copilot")
            .setCopilot(io.agw.model.resource.v1.CopilotProvider.getDefaultInstance())
            .build();
    assertThatThrownBy(
            () ->
                ProviderCredentials.of(
                    ProviderKind.COPILOT, copilot, null, null, null, new SecretResolver()))
        .hasMessageContaining("GitHub token");
  }

  private static void restore(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }
}
