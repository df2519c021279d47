package io.agw.model.config;

import static io.agw.model.config.ConfigLoaderTest.byKey;
import static io.agw.model.config.ConfigLoaderTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.resource.v1.AzureAuth;
import io.agw.model.resource.v1.PromptGuard;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code backendAuth.azure} on {@code azureContentSafety} guards loads every credential source
 * agentgateway offers, keeping the client secret a reference. Refusals are in {@code
 * config/invalid/azure-auth-invalid.yaml}.
 */
class AzureAuthConfigTest {

  private static List<AzureAuth> auths() throws Exception {
    PromptGuard guard =
        byKey(ConfigLoader.load(resource("azure-auth.yaml"), Path.of("/etc/agw")))
            .get("route/4000/llm/guarded")
            .getRoute()
            .getPolicies(0)
            .getAi()
            .getPromptGuard();
    return guard.getRequestList().stream()
        .map(g -> g.getAzureContentSafety().getAuth().getAzure())
        .toList();
  }

  @Test
  void aClientSecretKeepsItsTenantClientAndSecretReference() throws Exception {
    List<AzureAuth> auths = auths();

    AzureAuth env = auths.get(0);
    assertThat(env.getSource()).isEqualTo(AzureAuth.Source.CLIENT_SECRET);
    assertThat(env.getTenantId()).isEqualTo("72f988bf-86f1-41af-91ab-2d7cd011db47");
    assertThat(env.getClientId()).isEqualTo("0b9e0c4e-1d55-4b0e-9a53-5d6c4b1c2f11");
    assertThat(env.getClientSecret().getEnv()).isEqualTo("AZURE_CLIENT_SECRET");

    AzureAuth file = auths.get(1);
    assertThat(file.getTenantId()).isEqualTo("contoso.onmicrosoft.com");
    assertThat(file.getClientSecret().getFile()).isEqualTo("/etc/agw/keys/entra.secret");
  }

  @Test
  void aManagedIdentityIsSystemAssignedOrNamedByOneId() throws Exception {
    List<AzureAuth> auths = auths();

    assertThat(auths.get(2).getSource()).isEqualTo(AzureAuth.Source.MANAGED_IDENTITY);
    assertThat(auths.get(2).getUserAssignedIdentityCase())
        .isEqualTo(AzureAuth.UserAssignedIdentityCase.USERASSIGNEDIDENTITY_NOT_SET);
    assertThat(auths.get(3).getIdentityClientId())
        .isEqualTo("5c1d2b3a-0000-4000-8000-000000000001");
    assertThat(auths.get(4).getIdentityObjectId())
        .isEqualTo("5c1d2b3a-0000-4000-8000-000000000002");
    assertThat(auths.get(5).getIdentityResourceId()).endsWith("/userAssignedIdentities/agw");
  }

  @Test
  void workloadDeveloperAndEnvironmentCredentialsTakeNoFields() throws Exception {
    List<AzureAuth> auths = auths();

    assertThat(auths.subList(6, 9))
        .extracting(AzureAuth::getSource)
        .containsExactly(
            AzureAuth.Source.WORKLOAD_IDENTITY,
            AzureAuth.Source.DEVELOPER_IMPLICIT,
            AzureAuth.Source.IMPLICIT);
  }
}
