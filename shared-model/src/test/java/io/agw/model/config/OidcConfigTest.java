package io.agw.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agw.model.resource.v1.Oidc;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.TokenEndpointAuth;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code oidc} policy and {@code config.session}: what they map to, their errors. */
class OidcConfigTest {

  static final Path BASE = Path.of("/etc/agw");

  static String route(String oidc) {
    return """
        binds:
          - port: 8080
            listeners:
              - routes:
                  - name: app
                    backends: [{host: "localhost:9000"}]
                    policies:
                      oidc: %s
        """
        .formatted(oidc);
  }

  static final String DISCOVERED =
      "{issuer: 'https://idp.test', clientId: web, clientSecret: s3cret,"
          + " redirectURI: 'https://app.test/oauth/callback', scopes: [email, openid, email]}";

  static Oidc oidc(String yaml) throws ConfigException {
    return ConfigLoader.load(yaml, BASE).resources().stream()
        .filter(Resource::hasRoute)
        .flatMap(r -> r.getRoute().getPoliciesList().stream())
        .filter(PolicySpec::hasOidc)
        .map(PolicySpec::getOidc)
        .findFirst()
        .orElseThrow();
  }

  static List<String> errors(String yaml) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(yaml, BASE));
    assertThat(e).as("must be refused").isNotNull();
    return e.errors().stream().map(ConfigError::toString).toList();
  }

  static final String AT = "binds[0].listeners[0].routes[0].policies.oidc";

  @Test
  void discoveryModeMapsTheClientAndScopesOpenidFirstWithoutDuplicates() throws Exception {
    Oidc oidc = oidc(route(DISCOVERED));
    assertThat(oidc.getIssuer()).isEqualTo("https://idp.test");
    assertThat(oidc.getClientId()).isEqualTo("web");
    assertThat(oidc.getClientSecret().getInline()).isEqualTo("s3cret");
    assertThat(oidc.getRedirectUri()).isEqualTo("https://app.test/oauth/callback");
    assertThat(oidc.getScopesList()).containsExactly("openid", "email");
    assertThat(oidc.hasJwks()).isFalse();
    assertThat(oidc.getAuthorizationEndpoint()).isEmpty();
    assertThat(oidc.getTokenEndpointAuth())
        .isEqualTo(TokenEndpointAuth.TOKEN_ENDPOINT_AUTH_UNSPECIFIED);
    assertThat(oidc.getPolicyId()).isEqualTo(AT);
  }

  @Test
  void explicitModeMapsEndpointsJwksAndTokenEndpointAuth() throws Exception {
    Oidc oidc =
        oidc(
            route(
                "{issuer: 'https://idp.test', clientId: web, clientSecret: $WEB_SECRET,"
                    + " redirectURI: 'http://localhost:8080/cb',"
                    + " authorizationEndpoint: 'https://idp.test/auth',"
                    + " tokenEndpoint: 'https://idp.test/token',"
                    + " jwks: {url: 'https://idp.test/jwks'}, tokenEndpointAuth: clientSecretPost}"));
    assertThat(oidc.getAuthorizationEndpoint()).isEqualTo("https://idp.test/auth");
    assertThat(oidc.getTokenEndpoint()).isEqualTo("https://idp.test/token");
    assertThat(oidc.getJwks().getUrl()).isEqualTo("https://idp.test/jwks");
    assertThat(oidc.getClientSecret().getEnv()).isEqualTo("WEB_SECRET");
    assertThat(oidc.getTokenEndpointAuth())
        .isEqualTo(TokenEndpointAuth.TOKEN_ENDPOINT_AUTH_CLIENT_SECRET_POST);
  }

  @Test
  void missingFieldsAreReportedAtTheirPaths() {
    assertThat(errors(route("{issuer: 'https://idp.test'}")))
        .containsExactlyInAnyOrder(
            AT + ".clientId: required field is missing",
            AT + ".clientSecret: required field is missing",
            AT + ".redirectURI: required field is missing");
  }

  @Test
  void explicitEndpointsAreAllOrNothingAndExcludeDiscovery() {
    assertThat(
            errors(
                route(
                    "{issuer: 'https://idp.test', clientId: web, clientSecret: s,"
                        + " redirectURI: 'https://app.test/cb',"
                        + " tokenEndpoint: 'https://idp.test/token', tokenEndpointAuth: nope}")))
        .containsExactlyInAnyOrder(
            AT
                + ".tokenEndpointAuth: set only with authorizationEndpoint, tokenEndpoint and jwks;"
                + " with discovery it comes from the provider's metadata",
            AT
                + ": authorizationEndpoint, tokenEndpoint and jwks must either all be set or all"
                + " be omitted");
    assertThat(
            errors(
                route(
                    "{issuer: 'https://idp.test', clientId: web, clientSecret: s,"
                        + " redirectURI: 'https://app.test/cb',"
                        + " discovery: {url: 'https://idp.test/meta'},"
                        + " authorizationEndpoint: 'https://idp.test/auth',"
                        + " tokenEndpoint: 'idp.test/token', jwks: {url: 'https://idp.test/k'},"
                        + " tokenEndpointAuth: basic}")))
        .containsExactlyInAnyOrder(
            AT
                + ".discovery: must be omitted when authorizationEndpoint, tokenEndpoint and jwks"
                + " are set",
            AT + ".tokenEndpoint: must be an absolute http(s) URL, not 'idp.test/token'",
            AT + ".tokenEndpointAuth: must be clientSecretBasic or clientSecretPost, not 'basic'");
  }

  @Test
  void redirectUriNeedsAnAbsoluteUrlWithAnExplicitPathAndNoQuery() {
    String base = "{issuer: 'https://idp.test', clientId: web, clientSecret: s, redirectURI: '%s'}";
    assertThat(errors(route(base.formatted("/callback"))))
        .containsExactly(AT + ".redirectURI: must be an absolute http(s) URL, not '/callback'");
    assertThat(errors(route(base.formatted("https://app.test/"))))
        .containsExactly(
            AT
                + ".redirectURI: needs an explicit path other than '/': the gateway answers the"
                + " callback there");
    assertThat(errors(route(base.formatted("https://app.test/cb?x=1"))))
        .containsExactly(AT + ".redirectURI: must not contain a query");
    assertThat(errors(route(base.formatted("https://app.test/a/../cb"))))
        .containsExactly(AT + ".redirectURI: must not contain dot segments");
    assertThat(errors(route(base.formatted("https://app.test/a%2Fcb"))))
        .containsExactly(AT + ".redirectURI: must not contain encoded slashes or backslashes");
  }

  @Test
  void uiPoliciesTakeOidcAndTheUiRouteAlsoMatchesItsCallback() throws Exception {
    String ui =
        """
        binds:
          - port: 8080
            listeners:
              - name: ops
        ui:
          gateways: [default/ops]
          policies:
            oidc: {issuer: 'https://idp.test', clientId: ui, clientSecret: s, redirectURI: '%s'}
        """;
    Oidc oidc = oidc(ui.formatted("http://127.0.0.1:8080/ui/callback"));
    assertThat(oidc.getPolicyId()).isEqualTo("ui.policies.oidc");
    assertThat(uiPaths(ui.formatted("http://127.0.0.1:8080/ui/callback")))
        .containsExactly("prefix: \"/ui\"", "prefix: \"/api/v1\"");
    assertThat(uiPaths(ui.formatted("http://127.0.0.1:8080/oauth/callback")))
        .containsExactly("prefix: \"/ui\"", "prefix: \"/api/v1\"", "exact: \"/oauth/callback\"");
  }

  static List<String> uiPaths(String yaml) throws ConfigException {
    return ConfigLoader.load(yaml, BASE).resources().stream()
        .filter(r -> r.hasRoute() && r.getKey().endsWith("/_ui"))
        .flatMap(r -> r.getRoute().getMatchesList().stream())
        .map(m -> m.getPath().toString().strip())
        .toList();
  }

  @Test
  void llmPoliciesTakeOidcOnTheShorthandsRoute() throws Exception {
    String llm =
        """
        llm:
          port: 8080
          policies:
            oidc: {issuer: 'https://idp.test', clientId: chat, clientSecret: s,
                   redirectURI: 'https://chat.test/oauth/callback'}
          models:
            - name: gpt-4o
              provider: openai
              params: {apiKey: sk-test}
        """;
    Oidc oidc = oidc(llm);
    assertThat(oidc.getPolicyId()).isEqualTo("llm.policies.oidc");
    assertThat(oidc.getClientId()).isEqualTo("chat");
  }

  @Test
  void sessionKeyIsSixtyFourHexDigitsAndNeverEchoed() throws Exception {
    String key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    GatewaySettings settings =
        ConfigLoader.load("config: {session: {key: '" + key + "'}}\nbinds: []\n", BASE).settings();
    assertThat(settings.sessionKey().bytes()).hasSize(32).startsWith(0x00, 0x11, 0x22);
    assertThat(settings.toString()).doesNotContain(key);
    assertThat(errors("config: {session: {key: 'not-hex-secret'}}\nbinds: []\n"))
        .containsExactly(
            "config.session.key: must be 64 hexadecimal digits (32 bytes, e.g. from `openssl rand"
                + " -hex 32`)");
  }
}
