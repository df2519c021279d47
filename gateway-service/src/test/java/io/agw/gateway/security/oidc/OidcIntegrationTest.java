package io.agw.gateway.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import io.agw.gateway.support.OidcProviderProcess;
import io.agw.gateway.support.TestUpstream;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code oidc} policy on a real gateway, against a real OpenID provider (panva's {@code
 * oidc-provider} as a Node process) and a plain loopback upstream: the redirect with PKCE, the
 * whole login, claims in CEL ({@code authorization}, {@code transformations}), the session cookie
 * kept from the upstream, a tampered cookie, a forged state, a refused code, an expired session, an
 * unreachable provider, and {@code ui.policies.oidc} in front of the UI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OidcIntegrationTest {

  static final int PORT = FreePorts.next();
  static final int UI_PORT = FreePorts.next();
  static final String APP = "http://127.0.0.1:" + PORT;
  static final String UI = "http://127.0.0.1:" + UI_PORT;
  static final TestUpstream UP = TestUpstream.start("up");
  static final OidcProviderProcess IDP =
      OidcProviderProcess.start(
          List.of(APP + "/app/callback", APP + "/short/callback", UI + "/oauth/callback"));

  /** {@code config.session.key}: the key the gateway must seal its cookies with. */
  static final String SESSION_KEY =
      "8f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        """
        config:
          session: {key: %7$s}
        binds:
          - port: %1$d
            listeners:
              - routes:
                  - name: app
                    matches: [{path: {pathPrefix: /app}}]
                    policies:
                      oidc:
                        issuer: %3$s
                        clientId: agw
                        clientSecret: agw-secret
                        redirectURI: %4$s/app/callback
                        scopes: [email]
                      authorization:
                        rules: ['jwt.sub != "mallory"']
                      transformations:
                        request:
                          set: {x-user: 'jwt.sub', x-email: 'jwt.email'}
                    backends: [{host: "%5$s"}]
                  - name: short
                    matches: [{path: {pathPrefix: /short}}]
                    policies:
                      oidc:
                        issuer: %3$s
                        authorizationEndpoint: %3$s/auth
                        tokenEndpoint: %3$s/token
                        jwks: {url: "%3$s/jwks"}
                        tokenEndpointAuth: clientSecretPost
                        clientId: short
                        clientSecret: short-secret
                        redirectURI: %4$s/short/callback
                    backends: [{host: "%5$s"}]
                  - name: down
                    matches: [{path: {pathPrefix: /down}}]
                    policies:
                      oidc:
                        issuer: http://127.0.0.1:%6$d
                        clientId: agw
                        clientSecret: agw-secret
                        redirectURI: %4$s/down/callback
                    backends: [{host: "%5$s"}]
          - port: %2$d
            listeners:
              - name: ops
        ui:
          gateways: [default/ops]
          policies:
            oidc:
              issuer: %3$s
              clientId: agw
              clientSecret: agw-secret
              redirectURI: http://127.0.0.1:%2$d/oauth/callback
        """
            .formatted(
                PORT, UI_PORT, IDP.issuer(), APP, UP.hostPort(), FreePorts.closed(), SESSION_KEY);
    GatewayConfigFile.register(registry, yaml);
  }

  @AfterAll
  static void stop() {
    UP.close();
    IDP.close();
  }

  @BeforeEach
  void reset() {
    UP.reset();
  }

  final Browser browser = new Browser();

  @Test
  void anUnauthenticatedRequestIsRedirectedToTheProviderWithPkceStateAndNonce() {
    HttpResponse<String> answer = browser.get(APP + "/app/page?x=1");

    assertThat(answer.statusCode()).isEqualTo(302);
    URI location = Browser.location(answer);
    assertThat(location.toString()).startsWith(IDP.issuer() + "/auth?");
    Map<String, String> query = query(location);
    assertThat(query)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", "agw")
        .containsEntry("redirect_uri", APP + "/app/callback")
        .containsEntry("scope", "openid email")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("state", "nonce");
    assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
    String setCookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie)
        .startsWith("agw_oidc_t_")
        .contains("Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=300")
        .doesNotContain("Secure");
    assertThat(UP.received()).isEmpty();
  }

  @Test
  void aLoggedInBrowserReachesTheUpstreamWithItsClaimsAndWithoutTheSessionCookie() {
    HttpResponse<String> page = browser.login(APP + "/app/page?x=1", "alice");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().toString()).isEqualTo(APP + "/app/page?x=1");
    assertThat(browser.cookie(APP, "agw_oidc_s_")).isNotNull();
    assertThat(browser.cookie(APP, "agw_oidc_t_")).as("the transaction cookie is cleared").isNull();
    TestUpstream.Received received = UP.received().get(UP.received().size() - 1);
    assertThat(received.uri()).isEqualTo("/app/page?x=1");
    assertThat(received.headers())
        .containsEntry("x-user", "alice")
        .containsEntry("x-email", "alice@example.test");
    assertThat(received.headers().getOrDefault("cookie", "")).doesNotContain("agw_oidc_");

    HttpResponse<String> again = browser.get(APP + "/app/other");
    assertThat(again.statusCode()).as("the session is kept").isEqualTo(200);
  }

  @Test
  void theSessionCookieIsSealedWithTheFilesSessionKey() {
    assertThat(browser.login(APP + "/app/page", "alice").statusCode()).isEqualTo(200);
    String sealed = browser.cookie(APP, "agw_oidc_s_").getValue();

    // Another replica with the same config.session.key opens it; another key does not.
    assertThat(new SessionCipher(HexFormat.of().parseHex(SESSION_KEY)).open(sealed))
        .hasValueSatisfying(json -> assertThat(json).contains("\"rawIdToken\""));
    assertThat(new SessionCipher(SessionCipher.randomKey()).open(sealed)).isEmpty();
  }

  @Test
  void authorizationRulesSeeTheIdTokensClaims() {
    assertThat(browser.login(APP + "/app/page", "mallory").statusCode()).isEqualTo(403);
    assertThat(UP.received()).isEmpty();
    assertThat(new Browser().login(APP + "/app/page", "bob").statusCode()).isEqualTo(200);
  }

  @Test
  void aTamperedSessionCookieIsSentToLoginAgain() {
    assertThat(browser.login(APP + "/app/page", "alice").statusCode()).isEqualTo(200);
    HttpCookie session = browser.cookie(APP, "agw_oidc_s_");
    // A character in the middle: every one of its bits is used (the last one's may not be).
    String value = session.getValue();
    int middle = value.length() / 2;
    char changed = value.charAt(middle) == 'A' ? 'Q' : 'A';
    browser.replace(
        APP, session, value.substring(0, middle) + changed + value.substring(middle + 1));
    UP.reset();

    HttpResponse<String> answer = browser.get(APP + "/app/page");

    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(Browser.location(answer).toString()).startsWith(IDP.issuer() + "/auth?");
    assertThat(UP.received()).isEmpty();
  }

  @Test
  void aCallbackWithAForgedOrUnknownStateIsRefused() {
    HttpResponse<String> start = browser.get(APP + "/app/page");
    String state = query(Browser.location(start)).get("state");
    String transaction =
        new String(Base64.getUrlDecoder().decode(state), StandardCharsets.UTF_8)
            .replaceAll(".*\"transactionId\":\"([^\"]+)\".*", "$1");
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ("{\"transactionId\":\"" + transaction + "\",\"csrfState\":\"guess\"}")
                    .getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> wrong = browser.get(APP + "/app/callback?code=abc&state=" + forged);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body())
        .contains("\"type\":\"forbidden\"")
        .contains("the state does not match the login in progress");

    HttpResponse<String> garbage = browser.get(APP + "/app/callback?code=abc&state=%21%21");
    assertThat(garbage.statusCode()).isEqualTo(403);
    assertThat(garbage.body()).contains("the login's state parameter is invalid");

    HttpResponse<String> otherBrowser =
        new Browser().get(APP + "/app/callback?code=abc&state=" + state);
    assertThat(otherBrowser.statusCode()).isEqualTo(403);
    assertThat(otherBrowser.body()).contains("no login is in progress for this state");
    assertThat(UP.received()).isEmpty();
  }

  @Test
  void aCodeTheProviderRefusesIsUnauthorizedAndEchoesNothingSecret() {
    HttpResponse<String> start = browser.get(APP + "/app/page");
    String state = query(Browser.location(start)).get("state");

    HttpResponse<String> answer =
        browser.get(APP + "/app/callback?code=not-a-real-code&state=" + state);

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body())
        .contains("\"type\":\"unauthorized\"")
        .contains("the identity provider refused the authorization code (invalid_grant)")
        .doesNotContain("not-a-real-code")
        .doesNotContain("agw-secret");
  }

  @Test
  void anExpiredSessionLogsInAgain() {
    // The "short" client's ID tokens last 3 seconds; its provider is configured explicitly.
    assertThat(browser.login(APP + "/short/page", "alice").statusCode()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> browser.get(APP + "/short/page").statusCode() == 302);
    HttpResponse<String> again = browser.login(APP + "/short/page", "alice");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.uri().toString()).isEqualTo(APP + "/short/page");
  }

  @Test
  void anUnreachableProviderAnswers503() {
    HttpResponse<String> answer = browser.get(APP + "/down/page");

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.body())
        .contains("\"type\":\"oidc_provider_unavailable\"")
        .contains("discovery document")
        .contains("cannot be fetched");
  }

  @Test
  void theUiBehindOidcNeedsTheLogin() {
    HttpResponse<String> answer = browser.get(UI + "/ui/");
    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(Browser.location(answer).toString()).startsWith(IDP.issuer() + "/auth?");

    HttpResponse<String> page = browser.login(UI + "/ui/", "operator");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().toString()).isEqualTo(UI + "/ui/");
    assertThat(page.body()).contains("<html");
  }

  static Map<String, String> query(URI uri) {
    return Arrays.stream(uri.getRawQuery().split("&"))
        .map(p -> p.split("=", 2))
        .collect(
            Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
  }
}
