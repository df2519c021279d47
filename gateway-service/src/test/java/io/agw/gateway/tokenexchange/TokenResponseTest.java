package io.agw.gateway.tokenexchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

/** Which token endpoint answers are used, and what the client is told about the others. */
class TokenResponseTest {

  static final String ACCESS = "urn:ietf:params:oauth:token-type:access_token";

  static int status(Runnable read) {
    try {
      read.run();
    } catch (ResponseStatusException e) {
      return e.getStatusCode().value();
    }
    return 200;
  }

  @Test
  void aBearerTokenIsUsedWithItsLifetime() {
    TokenResponse.Issued issued =
        TokenResponse.read(
            200,
            "{\"access_token\":\"t\",\"token_type\":\"bearer\",\"expires_in\":120,"
                + "\"issued_token_type\":\""
                + ACCESS
                + "\"}",
            ACCESS,
            false);

    assertThat(issued.accessToken()).isEqualTo("t");
    assertThat(issued.expiresIn()).isEqualTo(120L);
  }

  @Test
  void unusableAnswersAreTheGatewaysFailure() {
    assertThat(status(() -> TokenResponse.read(200, "not json", null, false))).isEqualTo(502);
    assertThat(status(() -> TokenResponse.read(200, "{\"token_type\":\"Bearer\"}", null, false)))
        .isEqualTo(502);
    assertThat(
            status(
                () ->
                    TokenResponse.read(
                        200, "{\"access_token\":\"t\",\"token_type\":\"DPoP\"}", null, false)))
        .isEqualTo(502);
    assertThat(
            status(
                () ->
                    TokenResponse.read(
                        200,
                        "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"issued_token_type\":"
                            + "\"urn:ietf:params:oauth:token-type:jwt\"}",
                        ACCESS,
                        false)))
        .isEqualTo(502);
  }

  @Test
  void anIdJagMustSaySo() {
    String jag = "urn:ietf:params:oauth:token-type:id-jag";
    assertThat(
            TokenResponse.read(
                    200,
                    "{\"access_token\":\"j\",\"issued_token_type\":\""
                        + jag
                        + "\",\"token_type\":\"N_A\"}",
                    jag,
                    false)
                .accessToken())
        .isEqualTo("j");
    assertThat(
            status(
                () ->
                    TokenResponse.read(
                        200, "{\"access_token\":\"j\",\"token_type\":\"Bearer\"}", jag, false)))
        .isEqualTo(502);
  }

  @Test
  void aRefusedSubjectIsA401ButRefusedGatewayCredentialsAndChainedRefusalsAre502() {
    String invalidGrant = "{\"error\":\"invalid_grant\",\"error_description\":\"secret stuff\"}";
    assertThatThrownBy(() -> TokenResponse.read(400, invalidGrant, null, false))
        .isInstanceOf(TokenExchangeFailure.class)
        .hasMessageContaining("invalid_grant")
        .hasMessageNotContaining("secret stuff");
    assertThat(status(() -> TokenResponse.read(400, invalidGrant, null, false))).isEqualTo(401);
    assertThat(status(() -> TokenResponse.read(401, "{\"error\":\"invalid_client\"}", null, false)))
        .isEqualTo(502);
    assertThat(status(() -> TokenResponse.read(400, invalidGrant, null, true))).isEqualTo(502);
    assertThat(status(() -> TokenResponse.read(500, "<html>", null, false))).isEqualTo(502);
  }
}
