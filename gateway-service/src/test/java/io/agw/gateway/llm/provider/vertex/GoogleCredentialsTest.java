package io.agw.gateway.llm.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.llm.provider.OutboundRequest;
import io.agw.gateway.llm.sim.GoogleTokenServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * {@link GoogleCredentials} against a local token endpoint: a service-account JSON signs a JWT that
 * the endpoint verifies, the token is cached, refreshed once it is about to expire, and a failing
 * endpoint fails the request's credentials (without a token in the headers).
 */
class GoogleCredentialsTest {

  private static final GoogleTokenServer TOKENS = GoogleTokenServer.start();

  @AfterAll
  static void stop() {
    TOKENS.close();
  }

  private static String authorize(GoogleCredentials credentials) {
    HttpHeaders headers = new HttpHeaders();
    credentials
        .apply(new OutboundRequest(HttpMethod.POST, URI.create("http://x/"), headers, new byte[0]))
        .block(Duration.ofSeconds(20));
    return headers.getFirst(HttpHeaders.AUTHORIZATION);
  }

  @Test
  void cachesTheTokenUntilItIsAboutToExpire() {
    TOKENS.expiresIn(3600);
    GoogleCredentials credentials = GoogleCredentials.fromJson(TOKENS.serviceAccountJson());
    int before = TOKENS.issued();

    String first = authorize(credentials);
    String second = authorize(credentials);

    assertThat(first).isEqualTo("Bearer " + TOKENS.lastToken());
    assertThat(second).isEqualTo(first);
    assertThat(TOKENS.issued()).isEqualTo(before + 1);
    assertThat(TOKENS.scopes()).last().asString().contains(GoogleCredentials.SCOPE);
  }

  @Test
  void refreshesATokenThatExpiresWithinTheMargin() {
    TOKENS.expiresIn(30); // less than the one-minute margin: never reused
    GoogleCredentials credentials = GoogleCredentials.fromJson(TOKENS.serviceAccountJson());

    String first = authorize(credentials);
    String second = authorize(credentials);

    assertThat(second).isNotEqualTo(first);
    assertThat(second).isEqualTo("Bearer " + TOKENS.lastToken());
    TOKENS.expiresIn(3600);
  }

  @Test
  void aCredentialForAnotherKeyIsRefusedByTheEndpoint() {
    // A different token server's account: its key does not verify at TOKENS' endpoint.
    String json;
    try (GoogleTokenServer other = GoogleTokenServer.start()) {
      json =
          other
              .serviceAccountJson()
              .replaceAll("\"token_uri\":\"[^\"]*\"", "\"token_uri\":\"" + tokenUri() + "\"");
    }
    GoogleCredentials credentials = GoogleCredentials.fromJson(json);
    assertThatThrownBy(() -> authorize(credentials)).hasMessageContaining("token endpoint");
  }

  @Test
  void refusesADocumentThatIsNotACredential() {
    assertThatThrownBy(() -> GoogleCredentials.fromJson("{\"type\":\"nothing\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the gcp credential is not a valid Google credential JSON");
  }

  private static String tokenUri() {
    String json = TOKENS.serviceAccountJson();
    int i = json.indexOf("\"token_uri\":\"") + "\"token_uri\":\"".length();
    return json.substring(i, json.indexOf('"', i));
  }
}
