package io.agw.gateway.backendauth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.backend.SecretResolver;
import io.agw.model.resource.v1.GcpAuth;
import io.agw.model.resource.v1.GcpTokenType;
import io.agw.model.resource.v1.SecretSource;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * What {@link GoogleTokens} refuses when the state is built: a credential that is not Google
 * credential JSON (without quoting it), and, for ID tokens, a credential kind that cannot mint them
 * (an external account, as agentgateway refuses it).
 */
class GoogleTokensTest {

  private static GcpAuth auth(GcpTokenType type, String json) {
    return GcpAuth.newBuilder()
        .setType(type)
        .setCredential(SecretSource.newBuilder().setInline(json))
        .build();
  }

  @Test
  void anExternalAccountCannotMintIdTokens() {
    String json =
        """
        {"type": "external_account",
         "audience": "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/q",
         "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
         "token_url": "https://sts.googleapis.com/v1/token",
         "credential_source": {"file": "/nonexistent/token"}}
        """;

    assertThatThrownBy(
            () ->
                GoogleTokens.of(
                    auth(GcpTokenType.GCP_TOKEN_TYPE_ID_TOKEN, json),
                    "svc.example",
                    new SecretResolver(),
                    Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot mint ID tokens");
  }

  @Test
  void aCredentialThatIsNotGoogleJsonIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(
            () ->
                GoogleTokens.of(
                    auth(
                        GcpTokenType.GCP_TOKEN_TYPE_ACCESS_TOKEN, "{\"secret\": \"s3cr3t-value\"}"),
                    "svc.example",
                    new SecretResolver(),
                    Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the gcp credential is not a valid Google credential JSON")
        .hasMessageNotContaining("s3cr3t");
  }
}
