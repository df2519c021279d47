package io.agw.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agw.model.resource.v1.ExtAuthz;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.Resource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code extAuthz} policy: what it maps to, agentgateway's defaults, its errors by path. */
class ExtAuthzConfigTest {

  static final Path BASE = Path.of("/etc/agw");
  static final String AT = "binds[0].listeners[0].routes[0].policies.extAuthz";

  static String route(String extAuthz) {
    return """
        binds:
          - port: 8080
            listeners:
              - routes:
                  - name: app
                    backends: [{host: "localhost:9000"}]
                    policies:
                      extAuthz: %s
        """
        .formatted(extAuthz);
  }

  static List<ExtAuthz> policies(String yaml) throws ConfigException {
    return ConfigLoader.load(yaml, BASE).resources().stream()
        .filter(Resource::hasRoute)
        .flatMap(r -> r.getRoute().getPoliciesList().stream())
        .filter(PolicySpec::hasExtAuthz)
        .map(PolicySpec::getExtAuthz)
        .toList();
  }

  static ExtAuthz extAuthz(String yaml) throws ConfigException {
    return policies(yaml).get(0);
  }

  static List<String> errors(String yaml) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(yaml, BASE));
    assertThat(e).as("must be refused").isNotNull();
    return e.errors().stream().map(ConfigError::toString).toList();
  }

  @Test
  void aHostAloneIsGrpcDeniedOnFailureWithoutBody() throws Exception {
    ExtAuthz p = extAuthz(route("{host: 'authz.test:9001'}"));
    assertThat(p.getHost()).isEqualTo("authz.test:9001");
    assertThat(p.hasGrpc()).isTrue();
    assertThat(p.getGrpc().getMetadataSet()).isFalse();
    assertThat(p.getFailureMode()).isEqualTo(ExtAuthz.FailureMode.FAILURE_MODE_DENY);
    assertThat(p.hasIncludeRequestBody()).isFalse();
    assertThat(p.getIncludeRequestHeadersList()).isEmpty();
  }

  @Test
  void grpcAndHttpFieldsAreKept() throws Exception {
    ExtAuthz grpc =
        extAuthz(
            route(
                "{host: 'authz.test:9001', failureMode: {denyWithStatus: 503},"
                    + " includeRequestHeaders: [Authorization, ':path'],"
                    + " includeRequestBody: {allowPartialMessage: true, packAsBytes: true},"
                    + " protocol: {grpc: {context: {tenant: acme},"
                    + " metadata: {who: '{\"sub\": jwt.sub}'}}}}"));
    assertThat(grpc.getFailureMode()).isEqualTo(ExtAuthz.FailureMode.FAILURE_MODE_DENY_WITH_STATUS);
    assertThat(grpc.getDenyStatus()).isEqualTo(503);
    assertThat(grpc.getIncludeRequestHeadersList()).containsExactly("authorization", ":path");
    assertThat(grpc.getIncludeRequestBody().getMaxRequestBytes()).isEqualTo(8192);
    assertThat(grpc.getIncludeRequestBody().getAllowPartialMessage()).isTrue();
    assertThat(grpc.getIncludeRequestBody().getPackAsBytes()).isTrue();
    assertThat(grpc.getGrpc().getContextMap()).containsEntry("tenant", "acme");
    assertThat(grpc.getGrpc().getMetadataSet()).isTrue();
    assertThat(grpc.getGrpc().getMetadataMap()).containsEntry("who", "{\"sub\": jwt.sub}");

    ExtAuthz http =
        extAuthz(
            route(
                "{host: 'authz.test:4180', failureMode: allow, includeRequestBody:"
                    + " {maxRequestBytes: 100}, protocol: {http: {path: '\"/auth\"',"
                    + " redirect: '\"/start\"', includeResponseHeaders: [X-User],"
                    + " addRequestHeaders: {':method': '\"POST\"', x-host: request.host},"
                    + " metadata: {user: 'response.headers[\"x-user\"]'}}}}"));
    assertThat(http.getFailureMode()).isEqualTo(ExtAuthz.FailureMode.FAILURE_MODE_ALLOW);
    assertThat(http.getIncludeRequestBody().getMaxRequestBytes()).isEqualTo(100);
    assertThat(http.getHttp().getPath()).isEqualTo("\"/auth\"");
    assertThat(http.getHttp().getRedirect()).isEqualTo("\"/start\"");
    assertThat(http.getHttp().getIncludeResponseHeadersList()).containsExactly("x-user");
    assertThat(http.getHttp().getAddRequestHeadersMap())
        .containsEntry(":method", "\"POST\"")
        .containsEntry("x-host", "request.host");
    assertThat(http.getHttp().getMetadataMap()).containsKey("user");
  }

  @Test
  void errorsAreReportedAtTheirPaths() {
    assertThat(errors(route("{}")))
        .containsExactly(AT + ": set the authorization service: host (host:port)");
    assertThat(errors(route("{host: 'a:1', backend: b}")))
        .containsExactly(AT + ": set exactly one of host, backend and service");
    assertThat(errors(route("{backend: authz}")))
        .singleElement()
        .asString()
        .startsWith(
            AT + ".backend: a backend reference as the authorization service is not supported yet");
    assertThat(errors(route("{service: {name: authz/default, port: 9001}}")))
        .singleElement()
        .asString()
        .startsWith(
            AT
                + ".service: service targets are not supported yet (services and workloads: issue 19)");
    assertThat(errors(route("{host: 'unix:/run/x.sock'}")))
        .containsExactly(AT + ".host: unix sockets are not supported; use host:port");
    assertThat(errors(route("{host: authz}")))
        .singleElement()
        .asString()
        .startsWith(AT + ".host: ");
    assertThat(errors(route("{host: 'a:1', failureMode: maybe}")))
        .containsExactly(
            AT
                + ".failureMode: must be allow, deny, or {denyWithStatus: <HTTP status>}, not 'maybe'");
    assertThat(errors(route("{host: 'a:1', failureMode: {denyWithStatus: 42}}")))
        .containsExactly(
            AT + ".failureMode.denyWithStatus: must be an HTTP status between 100 and 599");
    assertThat(errors(route("{host: 'a:1', protocol: {grpc: {}, http: {}}}")))
        .containsExactly(AT + ".protocol: set one of grpc and http");
    assertThat(errors(route("{host: 'a:1', protocol: {http: {path: 'request.('}}}")))
        .singleElement()
        .asString()
        .startsWith(AT + ".protocol.http.path: invalid CEL expression");
    assertThat(
            errors(
                route(
                    "{host: 'a:1', protocol: {http: {addRequestHeaders: {':scheme': '\"x\"'}}}}")))
        .containsExactly(
            AT
                + ".protocol.http.addRequestHeaders.:scheme: of the pseudo-headers only :method,"
                + " :authority and :path can be set");
    assertThat(errors(route("{host: 'a:1', includeRequestHeaders: [':status']}")))
        .singleElement()
        .asString()
        .startsWith(AT + ".includeRequestHeaders[0]: unknown pseudo-header ':status'");
    assertThat(errors(route("{host: 'a:1', cache: {key: ['request.('], maxEntries: -1}}")))
        .hasSize(3)
        .anySatisfy(e -> assertThat(e).startsWith(AT + ".cache.key[0]: invalid CEL expression"))
        .contains(
            AT + ".cache.ttl: required field is missing",
            AT + ".cache.maxEntries: must be between 0 and 4294967295");
    assertThat(errors(route("{host: 'a:1', policies: {backendTLS: {}}}")))
        .singleElement()
        .asString()
        .startsWith(
            AT
                + ".policies: policies for the call to the authorization service are not supported yet");
    assertThat(errors(route("{host: 'a:1', protocol: {http: {colour: red}}}")))
        .singleElement()
        .asString()
        .startsWith(AT + ".protocol.http.colour: ");
  }

  @Test
  void aCacheTakesCelKeysAndATtlWrittenAsADurationOrAnExpression() throws Exception {
    ExtAuthz p =
        extAuthz(
            route(
                "{host: 'a:1', cache: {key: ['request.headers[\"authorization\"]'], ttl: 1h30m,"
                    + " maxEntries: 64}}"));
    assertThat(p.getCache().getKeyList()).containsExactly("request.headers[\"authorization\"]");
    assertThat(p.getCache().getTtl()).isEqualTo("duration(\"1h30m\")");
    assertThat(p.getCache().getMaxEntries()).isEqualTo(64);
    ExtAuthz expression =
        extAuthz(route("{host: 'a:1', cache: {key: [], ttl: 'extauthz.expires - 5'}}"));
    assertThat(expression.getCache().getTtl()).isEqualTo("extauthz.expires - 5");
    assertThat(expression.getCache().getKeyList()).isEmpty();
    assertThat(expression.getCache().getMaxEntries()).isZero();
  }

  @Test
  void listenerLlmAndUiPoliciesTakeIt() throws Exception {
    String listener =
        """
        binds:
          - port: 8080
            listeners:
              - policies:
                  extAuthz: {host: 'authz.test:9001'}
                routes:
                  - backends: [{host: "localhost:9000"}]
        """;
    var listenerSpecs =
        ConfigLoader.load(listener, BASE).resources().stream()
            .filter(Resource::hasListener)
            .flatMap(r -> r.getListener().getPoliciesList().stream())
            .filter(PolicySpec::hasExtAuthz)
            .toList();
    assertThat(listenerSpecs).hasSize(1);

    String llm =
        """
        llm:
          port: 4000
          models:
            - name: gpt-4o
              provider: openAI
              params: {apiKey: sk-test}
          policies:
            extAuthz: {host: 'authz.test:9001', protocol: {http: {}}}
        """;
    assertThat(policies(llm)).singleElement().satisfies(p -> assertThat(p.hasHttp()).isTrue());

    String ui =
        """
        binds:
          - port: 8080
            listeners:
              - routes:
                  - backends: [{host: "localhost:9000"}]
        ui:
          policies:
            extAuthz: {host: 'authz.test:9001'}
        """;
    assertThat(policies(ui))
        .singleElement()
        .satisfies(p -> assertThat(p.getHost()).isEqualTo("authz.test:9001"));
  }
}
