package io.agw.model.config;

import static io.agw.model.config.ConfigLoaderTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.AwsAuth;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.SecretSource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code bedrock} and {@code copilot} providers and {@code backendAuth.aws}. */
class BedrockCopilotConfigTest {

  private static AiProvider provider(List<Resource> resources, String name) {
    return resources.stream()
        .filter(Resource::hasBackend)
        .filter(r -> r.getBackend().hasAi())
        .flatMap(r -> r.getBackend().getAi().getGroupsList().stream())
        .flatMap(g -> g.getProvidersList().stream())
        .filter(p -> p.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void bedrockProviderWithStaticKeysAsSecretReferences() throws Exception {
    List<Resource> resources =
        ConfigLoader.load(resource("bedrock.yaml"), Path.of("/etc/agw")).resources();
    AiProvider claude = provider(resources, "claude");
    assertThat(claude.getBedrock().getRegion()).isEqualTo("eu-west-1");
    assertThat(claude.getBedrock().getModel()).isEqualTo("anthropic.claude-sonnet-4-20250514-v1:0");
    AwsAuth aws = claude.getPolicies(0).getBackendAuth().getAws();
    assertThat(aws.getAccessKeyId())
        .isEqualTo(SecretSource.newBuilder().setEnv("AWS_ACCESS_KEY_ID").build());
    assertThat(aws.getSecretAccessKey().getInline()).isEqualTo("inline-secret-key");
    assertThat(aws.getSessionToken().getFile()).isEqualTo("/etc/agw/secrets/aws-session");
    assertThat(aws.getRegion()).isEmpty();
  }

  @Test
  void bedrockProviderWithTheDefaultCredentialChain() throws Exception {
    List<Resource> resources =
        ConfigLoader.load(resource("bedrock.yaml"), Path.of("/etc/agw")).resources();
    AiProvider titan = provider(resources, "titan");
    assertThat(titan.getBedrock().getModel()).isEmpty();
    AwsAuth aws = titan.getPolicies(0).getBackendAuth().getAws();
    assertThat(aws.hasAccessKeyId()).isFalse();
    assertThat(aws.getRegion()).isEqualTo("us-west-2");
    assertThat(aws.getServiceName()).isEqualTo("bedrock");
  }

  @Test
  void copilotProviderWithItsTokenUrl() throws Exception {
    List<Resource> resources =
        ConfigLoader.load(resource("bedrock.yaml"), Path.of("/etc/agw")).resources();
    AiProvider copilot = provider(resources, "copilot");
    assertThat(copilot.getCopilot().getModel()).isEqualTo("gpt-4o");
    assertThat(copilot.getCopilot().getTokenUrl())
        .isEqualTo("http://127.0.0.1:9000/copilot_internal/v2/token");
    assertThat(copilot.getPolicies(0).getBackendAuth().getKey().getEnv()).isEqualTo("GITHUB_TOKEN");
  }

  @Test
  void theLlmShorthandServesBedrockAndCopilotModels() throws Exception {
    List<Resource> resources =
        ConfigLoader.load(
                """
                llm:
                  port: 4002
                  models:
                    - name: claude-on-bedrock
                      provider: bedrock
                      params:
                        model: anthropic.claude-sonnet-4-20250514-v1:0
                        awsRegion: us-west-2
                    - name: gpt-on-copilot
                      provider: copilot
                      params:
                        apiKey: $GITHUB_TOKEN
                """,
                Path.of("/etc/agw"))
            .resources();

    AiProvider bedrock = provider(resources, "claude-on-bedrock");
    assertThat(bedrock.getBedrock().getRegion()).isEqualTo("us-west-2");
    assertThat(bedrock.getBedrock().getModel())
        .isEqualTo("anthropic.claude-sonnet-4-20250514-v1:0");
    AiProvider copilot = provider(resources, "gpt-on-copilot");
    assertThat(copilot.hasCopilot()).isTrue();
    assertThat(copilot.getPoliciesList())
        .anySatisfy(
            p -> assertThat(p.getBackendAuth().getKey().getEnv()).isEqualTo("GITHUB_TOKEN"));
  }
}
