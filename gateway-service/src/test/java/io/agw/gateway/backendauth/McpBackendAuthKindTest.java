package io.agw.gateway.backendauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.backend.redaction.CredentialHeaders;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.policy.BackendCompilation;
import io.agw.gateway.tokenexchange.TokenExchangeBackendAuth;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.BackendAuth;
import io.agw.model.resource.v1.CredentialLocation;
import io.agw.model.resource.v1.LocatedKey;
import io.agw.model.resource.v1.McpBackend;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.SecretSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

/** What building an {@code mcp} backend's {@code backendAuth} accepts and refuses. */
class McpBackendAuthKindTest {

  final SecretResolver secrets = new SecretResolver(Map.of("KEY", "s3cret")::get);
  final BackendAuthPolicyKind kind =
      new BackendAuthPolicyKind(
          secrets,
          Clock.systemUTC(),
          new TokenExchangeBackendAuth(
              new CelEnvironment(), secrets, HttpClient.create(), Clock.systemUTC()));

  static BackendCompilation mcp() {
    return new BackendCompilation(
        Backend.newBuilder().setKey("backend/m").setMcp(McpBackend.getDefaultInstance()).build(),
        null,
        List.of(),
        null);
  }

  static PolicySpec located(CredentialLocation location) {
    return PolicySpec.newBuilder()
        .setBackendAuth(
            BackendAuth.newBuilder()
                .setLocatedKey(
                    LocatedKey.newBuilder()
                        .setValue(SecretSource.newBuilder().setEnv("KEY"))
                        .setLocation(location)))
        .build();
  }

  @Test
  void aHeaderCredentialBecomesTheTargetsPerCallCredential() {
    BackendCompilation b = mcp();
    kind.onBackend(
        located(
            CredentialLocation.newBuilder()
                .setHeader(CredentialLocation.Header.newBuilder().setName("x-key"))
                .build()),
        b);
    assertThat(b.requestHeaders()).singleElement().isInstanceOf(CredentialHeaders.class);
  }

  @Test
  void aQueryParameterLocationIsRefusedNamingTheBackend() {
    assertThatThrownBy(
            () ->
                kind.onBackend(
                    located(CredentialLocation.newBuilder().setQueryParameter("key").build()),
                    mcp()))
        .hasMessage(
            "backend backend/m: backendAuth on an mcp backend writes headers or cookies, not a"
                + " query parameter");
  }
}
