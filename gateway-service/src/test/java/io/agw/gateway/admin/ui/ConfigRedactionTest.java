package io.agw.gateway.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.config.ConfigDocuments;
import io.agw.model.config.ConfigError;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Secrets of a configuration document are redacted, and put back from the live document. */
class ConfigRedactionTest {

  static final String LIVE =
      """
      config:
        database: {url: "postgres://agw:pg-secret@db:5432/agw"}
      binds:
        - port: 8080
          listeners:
            - name: main
              routes:
                - name: first
                  policies:
                    apiKey: {mode: strict, keys: [{key: sk-client, metadata: {team: a}}]}
                    requestHeaderModifier: {set: {Authorization: Bearer hdr-secret}}
                    localRateLimit: [{maxTokens: 1, key: 'request.path'}]
                  backends:
                    - ai:
                        name: up
                        provider: {openAI: {}}
                        policies: {backendAuth: {key: sk-upstream}}
                - name: second
                  policies:
                    backendTLS: {key: /etc/tls/key.pem}
      """;

  static JsonNode tree(String yaml) throws Exception {
    return ConfigDocuments.parse("test", yaml);
  }

  @Test
  void secretsAreRedactedAndOrdinaryValuesKept() throws Exception {
    String redacted = ConfigDocuments.print(ConfigRedaction.redact(tree(LIVE)));

    assertThat(redacted)
        .doesNotContain("pg-secret", "sk-client", "hdr-secret", "sk-upstream")
        .contains(
            "postgres://agw:<redacted>@db:5432/agw",
            "mode: strict",
            "team: a",
            "key: request.path",
            "/etc/tls/key.pem");
  }

  @Test
  void everyTracingExportHeaderIsRedacted() throws Exception {
    String redacted =
        ConfigDocuments.print(
            ConfigRedaction.redact(
                tree(
                    """
                    config:
                      tracing:
                        otlpEndpoint: http://collector:4318
                        headers: {x-honeycomb-team: hc-secret, Authorization: Basic b-secret}
                    """)));

    assertThat(redacted)
        .doesNotContain("hc-secret", "b-secret")
        .contains("http://collector:4318", "x-honeycomb-team");
  }

  @Test
  void anOtlpCollectorsCredentialsAreRedacted() throws Exception {
    String redacted =
        ConfigDocuments.print(
            ConfigRedaction.redact(
                tree(
                    """
                    frontendPolicies:
                      accessLog:
                        otlp:
                          host: collector:4317
                          policies:
                            backendAuth: {key: otlp-secret}
                            requestHeaderModifier: {set: {Authorization: Basic h-secret}}
                      tracing:
                        host: collector:4317
                        policies:
                          backendAuth: {key: trace-secret}
                    """)));

    assertThat(redacted)
        .doesNotContain("otlp-secret", "h-secret", "trace-secret")
        .contains("collector:4317");
  }

  @Test
  void backendAuthSigningKeysLocatedKeysAndCredentialsAreRedacted() throws Exception {
    String redacted =
        ConfigDocuments.print(
            ConfigRedaction.redact(
                tree(
                    """
                    binds:
                      - port: 3000
                        listeners:
                          - routes:
                              - policies:
                                  backendAuth:
                                    jwtSign:
                                      signingKey: "-----BEGIN PRIVATE KEY-----MIGpem"
                                      kid: kid-1
                                    credentials:
                                      - {location: {header: {name: x-extra}}, key: extra-secret}
                              - policies:
                                  backendAuth:
                                    key: {value: located-secret, location: {header: {name: x-k}}}
                    """)));

    assertThat(redacted)
        .doesNotContain("MIGpem", "extra-secret", "located-secret")
        .contains("kid: kid-1");
  }

  @Test
  void theSessionKeyIsRedactedAndPutBack() throws Exception {
    String key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    JsonNode live = tree("config:\n  session: {key: '" + key + "'}\nbinds: []\n");

    JsonNode redacted = ConfigRedaction.redact(live);

    assertThat(ConfigDocuments.print(redacted)).doesNotContain(key).contains("<redacted>");
    assertThat(ConfigRedaction.restore(redacted, live)).isEmpty();
    assertThat(redacted.get("config").get("session").get("key").asString()).isEqualTo(key);
  }

  @Test
  void redactedValuesArePutBackByNameWhateverTheOrder() throws Exception {
    JsonNode live = tree(LIVE);
    JsonNode submitted = ConfigRedaction.redact(live);
    var routes =
        (tools.jackson.databind.node.ArrayNode)
            submitted.path("binds").get(0).path("listeners").get(0).path("routes");
    JsonNode first = routes.get(0);
    routes.set(0, routes.get(1));
    routes.set(1, first);

    List<ConfigError> errors = ConfigRedaction.restore(submitted, live);

    assertThat(errors).isEmpty();
    assertThat(routes.get(1).path("name").asString()).isEqualTo("first");
    assertThat(routes.get(1).toString()).contains("sk-client", "hdr-secret", "sk-upstream");
  }

  @Test
  void aRedactedValueWithNothingLiveInItsPlaceIsAnErrorAtItsPath() throws Exception {
    JsonNode live = tree(LIVE);
    JsonNode submitted =
        tree(
            ConfigDocuments.print(ConfigRedaction.redact(live))
                .replace("name: first", "name: new"));

    List<ConfigError> errors = ConfigRedaction.restore(submitted, live);

    assertThat(errors)
        .extracting(ConfigError::path)
        .contains("binds[0].listeners[0].routes[0].policies.apiKey.keys[0].key");
  }

  @Test
  void anUnchangedDocumentComesBackWithEverySecret() throws Exception {
    JsonNode live = tree(LIVE);
    JsonNode submitted = tree(ConfigDocuments.print(ConfigRedaction.redact(live)));

    List<ConfigError> errors = ConfigRedaction.restore(submitted, live);

    assertThat(errors).isEmpty();
    assertThat(submitted).isEqualTo(live);
  }
}
