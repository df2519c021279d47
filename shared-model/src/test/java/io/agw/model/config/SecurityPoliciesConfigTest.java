package io.agw.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.resource.v1.AuthMode;
import io.agw.model.resource.v1.AuthorizationRule;
import io.agw.model.resource.v1.Listener;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.RateLimitUnit;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.Route;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The security policies of {@code config/security.yaml} as the gateway receives them. */
class SecurityPoliciesConfigTest {

  static final Path BASE = Path.of("/etc/agw");

  static Listener listener() throws Exception {
    return resources().stream()
        .filter(Resource::hasListener)
        .findFirst()
        .orElseThrow()
        .getListener();
  }

  static Route route() throws Exception {
    return resources().stream().filter(Resource::hasRoute).findFirst().orElseThrow().getRoute();
  }

  static List<Resource> resources() throws Exception {
    return ConfigLoader.load(ConfigLoaderTest.resource("security.yaml"), BASE).resources();
  }

  static PolicySpec spec(List<PolicySpec> specs, PolicySpec.KindCase kind) {
    return specs.stream().filter(s -> s.getKindCase() == kind).findFirst().orElseThrow();
  }

  @Test
  void listenerTlsWithClientCa() throws Exception {
    Listener l = listener();
    assertThat(l.getProtocol()).isEqualTo(Listener.Protocol.HTTPS);
    assertThat(l.getTls().getRoot().getFile()).isEqualTo("/etc/agw/certs/ca.pem");
  }

  @Test
  void jwtProvidersWithSourcesAudiencesAndClaims() throws Exception {
    var jwt = spec(listener().getPoliciesList(), PolicySpec.KindCase.JWT_AUTH).getJwtAuth();
    assertThat(jwt.getMode()).isEqualTo(AuthMode.AUTH_MODE_STRICT);
    assertThat(jwt.getLocation().getHeader().getName()).isEqualTo("x-token");
    assertThat(jwt.getLocation().getHeader().getPrefix()).isEmpty();
    assertThat(jwt.getProviders(0).getJwks().getUrl()).isEqualTo("https://issuer.test/jwks.json");
    assertThat(jwt.getProviders(0).getAudiencesList()).containsExactly("api");
    assertThat(jwt.getProviders(0).hasRequiredClaims()).isFalse();
    assertThat(jwt.getProviders(1).getJwks().getFile()).isEqualTo("/etc/agw/keys/jwks.json");
    assertThat(jwt.getProviders(1).getRequiredClaims().getClaimsList())
        .containsExactly("exp", "sub");
  }

  @Test
  void inlineJwtProviderIsOneProvider() throws Exception {
    String yaml =
        """
        binds:
          - port: 8080
            listeners:
              - routes:
                  - policies:
                      jwtAuth:
                        issuer: me
                        jwks: '{"keys":[]}'
                    backends: [{host: "localhost:8081"}]
        """;
    Route route =
        ConfigLoader.load(yaml, BASE).resources().stream()
            .filter(Resource::hasRoute)
            .findFirst()
            .orElseThrow()
            .getRoute();
    var jwt = spec(route.getPoliciesList(), PolicySpec.KindCase.JWT_AUTH).getJwtAuth();
    assertThat(jwt.getMode()).isEqualTo(AuthMode.AUTH_MODE_OPTIONAL);
    assertThat(jwt.getProvidersList()).hasSize(1);
    assertThat(jwt.getProviders(0).getIssuer()).isEqualTo("me");
    assertThat(jwt.getProviders(0).getJwks().getInline()).isEqualTo("{\"keys\":[]}");
  }

  @Test
  void apiKeysWithHashesMetadataAndModels() throws Exception {
    var keys = spec(route().getPoliciesList(), PolicySpec.KindCase.API_KEY).getApiKey();
    assertThat(keys.getMode()).isEqualTo(AuthMode.AUTH_MODE_PERMISSIVE);
    assertThat(keys.getKeys(0).getKey()).isEqualTo("sk-one");
    assertThat(
            keys.getKeys(0)
                .getMetadata()
                .getStructValue()
                .getFieldsMap()
                .get("team")
                .getStringValue())
        .isEqualTo("red");
    assertThat(keys.getKeys(0).getAllowedModels().getPatternsList()).containsExactly("gpt-4o*");
    assertThat(keys.getKeys(1).getSha256())
        .isEqualTo("d6f4b1ab3bfd6e1b3a60a2f5a5b9a5b2e1b7c9a3c4d5e6f708192a3b4c5d6e7f");
    assertThat(keys.getKeys(1).hasAllowedModels()).isFalse();
  }

  @Test
  void basicAuthFromAFile() throws Exception {
    var basic = spec(route().getPoliciesList(), PolicySpec.KindCase.BASIC_AUTH).getBasicAuth();
    assertThat(basic.getHtpasswd().getFile()).isEqualTo("/etc/agw/users.htpasswd");
    assertThat(basic.getRealm()).isEqualTo("gw");
  }

  @Test
  void authorizationRulesKeepTheirKind() throws Exception {
    var rules =
        spec(route().getPoliciesList(), PolicySpec.KindCase.AUTHORIZATION)
            .getAuthorization()
            .getRulesList();
    assertThat(rules)
        .extracting(AuthorizationRule::getKindCase)
        .containsExactly(
            AuthorizationRule.KindCase.ALLOW,
            AuthorizationRule.KindCase.DENY,
            AuthorizationRule.KindCase.REQUIRE);
  }

  @Test
  void conditionalTransformations() throws Exception {
    var t =
        spec(route().getPoliciesList(), PolicySpec.KindCase.TRANSFORMATIONS).getTransformations();
    assertThat(t.getEntriesList()).hasSize(2);
    assertThat(t.getEntries(0).getCondition()).isEqualTo("request.method == \"POST\"");
    assertThat(t.getEntries(0).getRequest().getSet(0).getName()).isEqualTo("x-user");
    assertThat(t.getEntries(0).getRequest().getRemoveList()).containsExactly("cookie");
    assertThat(t.getEntries(0).getRequest().getBody()).contains("json(request.body)");
    assertThat(t.getEntries(1).getCondition()).isEmpty();
    assertThat(t.getEntries(1).getResponse().getSet(0).getExpression()).isEqualTo("\"agw\"");
  }

  @Test
  void rateLimits() throws Exception {
    var local =
        spec(route().getPoliciesList(), PolicySpec.KindCase.LOCAL_RATE_LIMIT).getLocalRateLimit();
    assertThat(local.getLimits(0).getUnit()).isEqualTo(RateLimitUnit.RATE_LIMIT_UNIT_TOKENS);
    assertThat(local.getLimits(0).getKey()).isEqualTo("apiKey.key");
    assertThat(local.getLimits(0).getBucket().getTokensPerFill()).isEqualTo(10);
    assertThat(local.getLimits(1).getBucket().getTokensPerFill())
        .as("tokensPerFill defaults to maxTokens")
        .isEqualTo(5);
    assertThat(local.getLimits(1).getBucket().getFillInterval().getSeconds()).isEqualTo(60);
    var remote =
        spec(route().getPoliciesList(), PolicySpec.KindCase.REMOTE_RATE_LIMIT).getRemoteRateLimit();
    assertThat(remote.getRedisUrl()).isEqualTo("redis://127.0.0.1:6379");
    assertThat(remote.getFailOpen()).isTrue();
    assertThat(remote.getDescriptors(0).getEntries(0).getValue()).isEqualTo("jwt.sub");
    assertThat(remote.getDescriptors(0).getBucket().getMaxTokens()).isEqualTo(10);
  }
}
