package io.agw.gateway.llm.credentials;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.llm.registry.ProviderKind;
import io.agw.model.resource.v1.GcpAuth;
import io.agw.model.resource.v1.GcpTokenType;
import org.junit.jupiter.api.Test;

/** Google credentials on providers: ID tokens are refused when the state is built. */
class GcpCredentialsFactoryTest {

  @Test
  void aVertexProviderRefusesIdTokens() {
    GcpAuth auth =
        GcpAuth.newBuilder()
            .setType(GcpTokenType.GCP_TOKEN_TYPE_ID_TOKEN)
            .setAudience("https://svc.run.app")
            .build();

    assertThatThrownBy(
            () -> GcpCredentialsFactory.of(ProviderKind.VERTEX, auth, new SecretResolver()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idToken is supported on host backends only");
  }
}
