package io.agw.model.config;

import static io.agw.model.config.ConfigLoaderTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.resource.v1.BedrockGuardrails;
import io.agw.model.resource.v1.BedrockProvider;
import io.agw.model.resource.v1.GoogleModelArmor;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PromptGuard;
import io.agw.model.resource.v1.RequestGuard;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.ResponseGuard;
import io.agw.model.resource.v1.SecretSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code bedrockGuardrails} and {@code googleModelArmor} prompt guards. */
class CloudGuardConfigTest {

  private static PromptGuard guard() throws Exception {
    return ConfigLoader.load(resource("cloud-guards.yaml"), Path.of("/etc/agw"))
        .resources()
        .stream()
        .filter(Resource::hasRoute)
        .findFirst()
        .orElseThrow()
        .getRoute()
        .getPolicies(0)
        .getAi()
        .getPromptGuard();
  }

  @Test
  void bedrockGuardrailsKeepTheirGuardrailRegionAndPolicies() throws Exception {
    RequestGuard request = guard().getRequest(0);
    assertThat(request.getKindCase()).isEqualTo(RequestGuard.KindCase.BEDROCK_GUARDRAILS);
    BedrockGuardrails bedrock = request.getBedrockGuardrails();
    assertThat(bedrock.getGuardrailIdentifier()).isEqualTo("gr-123");
    assertThat(bedrock.getGuardrailVersion()).isEqualTo("DRAFT");
    assertThat(bedrock.getRegion()).isEqualTo("us-west-2");
    assertThat(bedrock.getPoliciesList())
        .extracting(PolicySpec::getKindCase)
        .containsExactlyInAnyOrder(
            PolicySpec.KindCase.BACKEND_AUTH, PolicySpec.KindCase.BACKEND_TLS);
    PolicySpec auth =
        bedrock.getPoliciesList().stream().filter(PolicySpec::hasBackendAuth).findFirst().get();
    assertThat(auth.getBackendAuth().getAws().getAccessKeyId())
        .isEqualTo(SecretSource.newBuilder().setEnv("AWS_KEY_ID").build());
    assertThat(auth.getBackendAuth().getAws().getSecretAccessKey().getFile())
        .isEqualTo("/etc/agw/aws.secret");

    ResponseGuard response = guard().getResponse(0);
    assertThat(response.getBedrockGuardrails().getGuardrailVersion()).isEqualTo("2");
    assertThat(response.getBedrockGuardrails().getPoliciesList())
        .as("no policies: the default credential chain")
        .isEmpty();
  }

  @Test
  void modelArmorKeepsTemplateProjectLocationAndRejection() throws Exception {
    GoogleModelArmor request = guard().getRequest(1).getGoogleModelArmor();
    assertThat(request.getTemplateId()).isEqualTo("tmpl");
    assertThat(request.getProjectId()).isEqualTo("my-project");
    assertThat(request.getLocation()).as("the gateway applies us-central1").isEmpty();
    assertThat(guard().getRequest(1).getScopeList()).isEmpty();

    ResponseGuard response = guard().getResponse(1);
    assertThat(response.getGoogleModelArmor().getLocation()).isEqualTo("europe-west4");
    assertThat(response.getGoogleModelArmor().getPolicies(0).getBackendAuth().hasGcp()).isTrue();
    assertThat(response.getRejection().getStatus()).isEqualTo(451);
  }

  @Test
  void bedrockProviderKeepsItsNativeGuardrail() throws Exception {
    // agentgateway's Valid_Bedrock_backend_with_custom_region_and_guardrail.
    BedrockProvider bedrock =
        ConfigLoader.load(resource("cloud-guards.yaml"), Path.of("/etc/agw")).resources().stream()
            .filter(Resource::hasBackend)
            .flatMap(r -> r.getBackend().getAi().getGroupsList().stream())
            .flatMap(g -> g.getProvidersList().stream())
            .filter(p -> p.hasBedrock())
            .findFirst()
            .orElseThrow()
            .getBedrock();
    assertThat(bedrock.getRegion()).isEqualTo("eu-west-1");
    assertThat(bedrock.getGuardrailIdentifier()).isEqualTo("test-guardrail");
    assertThat(bedrock.getGuardrailVersion()).isEqualTo("1.0");
  }
}
