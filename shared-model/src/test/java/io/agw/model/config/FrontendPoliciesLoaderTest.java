package io.agw.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Duration;
import io.agw.model.resource.v1.Bind;
import io.agw.model.resource.v1.FrontendPolicies;
import io.agw.model.resource.v1.ListenerTls;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.TlsVersion;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code frontendPolicies.http}, {@code .tls} and {@code .tcp}, a listener's TLS versions and
 * cipher suites and {@code backendTLS.subjectAltNames}: what reaches the resources, and what is
 * refused with its reason.
 */
class FrontendPoliciesLoaderTest {

  private static List<Resource> load(String yaml) throws Exception {
    return ConfigLoader.load(yaml, Path.of("/etc/agw")).resources();
  }

  private static List<ConfigError> refused(String yaml) {
    return catchThrowableOfType(ConfigException.class, () -> load(yaml)).errors();
  }

  @Test
  void frontendPoliciesAreAttachedToEveryPort() throws Exception {
    String yaml =
        """
        frontendPolicies:
          http:
            maxBufferSize: 20971520
            http1MaxHeaders: 50
            http1IdleTimeout: 30s
          tls:
            handshakeTimeout: 5s
            minVersion: TLS_V1_3
            cipherSuites: [TLS13_AES_128_GCM_SHA256, ECDHE-RSA-AES128-GCM-SHA256]
          tcp:
            keepalives:
              time: 20s
        binds:
          - port: 8080
            listeners: [{routes: [{backends: [{host: "127.0.0.1:9"}]}]}]
        llm:
          port: 4000
          models:
            - name: gpt
              provider: openAI
              params: {apiKey: sk-test}
        """;
    List<Bind> binds =
        load(yaml).stream().filter(Resource::hasBind).map(Resource::getBind).toList();

    assertThat(binds).extracting(Bind::getPort).containsExactlyInAnyOrder(8080, 4000);
    FrontendPolicies frontend = binds.get(0).getFrontend();
    assertThat(binds).allSatisfy(b -> assertThat(b.getFrontend()).isEqualTo(frontend));
    assertThat(frontend.getHttp().getMaxBufferSize()).isEqualTo(20971520);
    assertThat(frontend.getHttp().getHttp1MaxHeaders()).isEqualTo(50);
    assertThat(frontend.getHttp().getHttp1IdleTimeout())
        .isEqualTo(Duration.newBuilder().setSeconds(30).build());
    assertThat(frontend.getTls().getHandshakeTimeout().getSeconds()).isEqualTo(5);
    assertThat(frontend.getTls().getMinVersion()).isEqualTo(TlsVersion.TLS_V1_3);
    assertThat(frontend.getTls().getCipherSuitesList())
        .containsExactly("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    assertThat(frontend.getTcp().getKeepalive()).isTrue();
    assertThat(frontend.getTcp().getKeepaliveTime().getSeconds()).isEqualTo(20);
    // agentgateway's defaults for the fields left out
    assertThat(frontend.getTcp().getKeepaliveInterval().getSeconds()).isEqualTo(180);
    assertThat(frontend.getTcp().getKeepaliveRetries()).isEqualTo(9);
  }

  @Test
  void http2SettingsHeaderCaseAndAlpnAreMapped() throws Exception {
    String yaml =
        """
        frontendPolicies:
          http:
            http1HeaderCase: preserve
            http2WindowSize: 1048576
            http2ConnectionWindowSize: 4194304
            http2FrameSize: 32768
            http2MaxHeaderSize: 16384
            http2KeepaliveInterval: 30s
            http2KeepaliveTimeout: 5s
          tls:
            alpn: [[104, 116, 116, 112, 47, 49, 46, 49], [104, 50]]
        binds:
          - port: 8080
            listeners: [{routes: [{backends: [{host: "127.0.0.1:9"}]}]}]
        """;
    FrontendPolicies frontend =
        load(yaml).stream()
            .filter(Resource::hasBind)
            .findFirst()
            .orElseThrow()
            .getBind()
            .getFrontend();
    var http = frontend.getHttp();
    assertThat(http.getHttp1HeaderCase())
        .isEqualTo(io.agw.model.resource.v1.FrontendHttp.HeaderCase.PRESERVE);
    assertThat(http.getHttp2WindowSize()).isEqualTo(1048576);
    assertThat(http.getHttp2ConnectionWindowSize()).isEqualTo(4194304);
    assertThat(http.getHttp2FrameSize()).isEqualTo(32768);
    assertThat(http.getHttp2MaxHeaderSize()).isEqualTo(16384);
    assertThat(http.getHttp2KeepaliveInterval().getSeconds()).isEqualTo(30);
    assertThat(http.getHttp2KeepaliveTimeout().getSeconds()).isEqualTo(5);
    assertThat(frontend.getTls().getAlpnSet()).isTrue();
    assertThat(frontend.getTls().getAlpnList()).containsExactly("http/1.1", "h2");
  }

  @Test
  void http2FrameSizeOutsideTheRfcRangeIsRefused() {
    assertThat(
            refused(
                """
                frontendPolicies:
                  http:
                    http2FrameSize: 1024
                binds:
                  - port: 8080
                    listeners: [{routes: [{backends: [{host: "127.0.0.1:9"}]}]}]
                """))
        .extracting(e -> e.path() + ": " + e.message())
        .containsExactly(
            "frontendPolicies.http.http2FrameSize: must be from 16384 to 16777215 bytes");
  }

  @Test
  void listenerTlsVersionsAndCipherSuitesAreMapped() throws Exception {
    String yaml =
        """
        binds:
          - port: 8443
            listeners:
              - protocol: HTTPS
                tls:
                  cert: a.pem
                  key: a.key
                  minTLSVersion: TLS_V1_2
                  maxTlsVersion: TLS_V1_2
                  cipherSuites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]
                routes: [{backends: [{host: "127.0.0.1:9"}]}]
        """;
    ListenerTls tls =
        load(yaml).stream()
            .filter(Resource::hasListener)
            .findFirst()
            .orElseThrow()
            .getListener()
            .getTls();

    assertThat(tls.getMinVersion()).isEqualTo(TlsVersion.TLS_V1_2);
    assertThat(tls.getMaxVersion()).isEqualTo(TlsVersion.TLS_V1_2);
    assertThat(tls.getCipherSuitesList()).containsExactly("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
  }

  @Test
  void subjectAltNamesReachTheBackendTls() throws Exception {
    String yaml =
        """
        binds:
          - port: 8080
            listeners:
              - routes:
                  - backends: [{host: "127.0.0.1:9443"}]
                    policies:
                      backendTLS:
                        subjectAltNames: [backend.test, "spiffe://td/ns/a/sa/b"]
        """;
    String resources = load(yaml).toString();

    assertThat(resources).contains("subject_alt_names: \"backend.test\"");
    assertThat(resources).contains("subject_alt_names: \"spiffe://td/ns/a/sa/b\"");
  }

  @Test
  void keyExchangeGroupsReachTheResourcesAsOpenSslNames() throws Exception {
    String yaml =
        """
        frontendPolicies:
          tls:
            keyExchangeGroups: [X25519_MLKEM768, P-256]
            cipherSuites: [ECDHE-RSA-AES128-GCM-SHA256]
        binds:
          - port: 8443
            listeners:
              - protocol: HTTPS
                tls: {cert: a.pem, key: a.key, keyExchangeGroups: [P-384, P-256]}
                routes:
                  - backends: [{host: "127.0.0.1:9443"}]
                    policies:
                      backendTLS:
                        keyExchangeGroups: [X25519]
        """;
    List<Resource> resources = load(yaml);

    Bind bind =
        resources.stream()
            .filter(Resource::hasBind)
            .map(Resource::getBind)
            .findFirst()
            .orElseThrow();
    assertThat(bind.getFrontend().getTls().getKeyExchangeGroupsList())
        .containsExactly("X25519MLKEM768", "P-256");
    ListenerTls listener =
        resources.stream()
            .filter(Resource::hasListener)
            .findFirst()
            .orElseThrow()
            .getListener()
            .getTls();
    assertThat(listener.getKeyExchangeGroupsList()).containsExactly("P-384", "P-256");
    // backendTLS (the only X25519 of the file), on the route's policy
    assertThat(resources.toString()).contains("key_exchange_groups: \"X25519\"");
  }

  @Test
  void unknownKeyExchangeGroupsAndTls13SuitesBesideGroupsAreRefusedByPath() {
    String yaml =
        """
        binds:
          - port: 8443
            listeners:
              - protocol: HTTPS
                tls:
                  cert: a.pem
                  key: a.key
                  keyExchangeGroups: [X25519]
                  cipherSuites: [TLS13_AES_128_GCM_SHA256]
                routes:
                  - backends: [{host: "127.0.0.1:9443"}]
                    policies:
                      backendTLS:
                        keyExchangeGroups: [secp256r1]
        """;
    assertThat(refused(yaml))
        .extracting(e -> e.path() + ": " + e.message())
        .containsExactlyInAnyOrder(
            "binds[0].listeners[0].tls.cipherSuites: TLS 1.3 cipher suites cannot be restricted"
                + " together with keyExchangeGroups (which need BoringSSL: it always offers its"
                + " three TLS 1.3 suites); list only TLS 1.2 suites or drop keyExchangeGroups",
            "binds[0].listeners[0].routes[0].policies.backendTLS.keyExchangeGroups[0]: unknown key"
                + " exchange group 'secp256r1'; use one of X25519, P-256, P-384, X25519_MLKEM768");
  }

  @Test
  void whatCannotBeHonouredIsRefusedWithTheReason() {
    String yaml =
        """
        frontendPolicies:
          http:
            http1HeaderCase: upper
            http2WindowSize: 0
            maxBufferSize: 0
          tls:
            minVersion: TLS_V1_3
            maxVersion: TLS_V1_2
            alpn: [[104, 51]]
            cipherSuites: [TLS_RSA_WITH_NULL_SHA]
            keyExchangeGroups: [X25519, secp384r1]
          tcp:
            keepalives:
              time: 500ms
        binds:
          - port: 8443
            listeners:
              - protocol: HTTPS
                tls: {cert: a.pem, key: a.key, minTlsVersion: TLS_V1_1}
                routes: [{backends: [{host: "127.0.0.1:9"}]}]
        """;
    assertThat(refused(yaml))
        .extracting(e -> e.path() + ": " + e.message())
        .containsExactlyInAnyOrder(
            "frontendPolicies.http.maxBufferSize: must be from 1 to 2147483647 bytes",
            "frontendPolicies.http.http1HeaderCase: must be lowercase or preserve",
            "frontendPolicies.http.http2WindowSize: must be from 1 to 2147483647 bytes",
            "frontendPolicies.tls: the minimum TLS version TLS_V1_3 is above the maximum TLS_V1_2",
            "frontendPolicies.tls.alpn[0]: cannot be honoured: 'h3' is not served; the ports serve"
                + " h2 and http/1.1 (given as bytes: [104, 50] and [104, 116, 116, 112, 47, 49, 46,"
                + " 49])",
            "frontendPolicies.tls.cipherSuites[0]: unknown cipher suite 'TLS_RSA_WITH_NULL_SHA';"
                + " use one of TLS_AES_256_GCM_SHA384, TLS_AES_128_GCM_SHA256,"
                + " TLS_CHACHA20_POLY1305_SHA256, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,"
                + " TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,"
                + " TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,"
                + " TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,"
                + " TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "frontendPolicies.tls.keyExchangeGroups[1]: unknown key exchange group 'secp384r1'; use"
                + " one of X25519, P-256, P-384, X25519_MLKEM768",
            "frontendPolicies.tcp.keepalives.time: must be a whole number of seconds, at least 1s"
                + " (the kernel's unit)",
            "binds[0].listeners[0].tls.minTlsVersion: 'TLS_V1_1' is not supported; only TLS_V1_2"
                + " and TLS_V1_3 can be negotiated");
  }
}
