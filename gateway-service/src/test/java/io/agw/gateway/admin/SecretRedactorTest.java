package io.agw.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.BackendTls;
import io.agw.model.resource.v1.DataSource;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.StaticBackend;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

  @Test
  void mcpStdioEnvironmentIsRedactedButCommandStays() {
    Resource r =
        Resource.newBuilder()
            .setKey("backend/m")
            .setBackend(
                Backend.newBuilder()
                    .setKey("backend/m")
                    .setMcp(
                        io.agw.model.resource.v1.McpBackend.newBuilder()
                            .addTargets(
                                io.agw.model.resource.v1.McpTarget.newBuilder()
                                    .setName("gh")
                                    .setStdio(
                                        io.agw.model.resource.v1.McpStdioTarget.newBuilder()
                                            .setCmd("npx")
                                            .putEnv("GITHUB_TOKEN", "ghp_live_123")))))
            .build();
    String json = ConfigDumpEndpoint.toJson(r).toString();
    assertThat(json).doesNotContain("ghp_live_123").contains("\"cmd\":\"npx\"");
  }

  @Test
  void anOtlpCollectorsKeyAndAuthorizationHeaderAreRedacted() {
    Resource r =
        Resource.newBuilder()
            .setKey("loggingSettings")
            .setLoggingSettings(
                io.agw.model.resource.v1.LoggingSettings.newBuilder()
                    .setOtlp(
                        io.agw.model.resource.v1.OtlpAccessLog.newBuilder()
                            .setTarget(
                                io.agw.model.resource.v1.OtlpTarget.newBuilder()
                                    .setEndpoint("http://collector:4317")
                                    .setBearer(
                                        io.agw.model.resource.v1.SecretSource.newBuilder()
                                            .setInline("otlp-key-123"))
                                    .putHeaders("authorization", "Basic hdr-456")
                                    .putHeaders("x-tenant", "blue"))))
            .build();
    String json = ConfigDumpEndpoint.toJson(r).toString();
    assertThat(json)
        .doesNotContain("otlp-key-123", "hdr-456")
        .contains("http://collector:4317", "blue");
  }

  @Test
  void inlinePrivateKeysAreRedactedButKeysAndFilePathsStay() {
    Resource r =
        Resource.newBuilder()
            .setKey("backend/b")
            .setBackend(
                Backend.newBuilder()
                    .setKey("backend/b")
                    .setStatic(StaticBackend.newBuilder().setHost("h").setPort(1))
                    .addPolicies(
                        PolicySpec.newBuilder()
                            .setBackendTls(
                                BackendTls.newBuilder()
                                    .setKey(
                                        DataSource.newBuilder()
                                            .setInline("-----BEGIN PRIVATE KEY----- secret"))
                                    .setRoot(DataSource.newBuilder().setFile("/etc/ca.pem")))))
            .build();
    String json = ConfigDumpEndpoint.toJson(r).toString();
    assertThat(json).doesNotContain("secret").contains(SecretRedactor.REDACTED);
    assertThat(json).contains("\"key\":\"backend/b\"").contains("/etc/ca.pem");
  }

  @Test
  void apiKeysHtpasswdInlineJwksAndRedisUrlsAreRedacted() {
    Resource r =
        Resource.newBuilder()
            .setKey("route/r")
            .setRoute(
                io.agw.model.resource.v1.Route.newBuilder()
                    .setKey("route/r")
                    .addPolicies(
                        PolicySpec.newBuilder()
                            .setApiKey(
                                io.agw.model.resource.v1.ApiKeyAuth.newBuilder()
                                    .addKeys(
                                        io.agw.model.resource.v1.ApiKey.newBuilder()
                                            .setKey("sk-live-123"))
                                    .addKeys(
                                        io.agw.model.resource.v1.ApiKey.newBuilder()
                                            .setSha256("abcdef0123"))))
                    .addPolicies(
                        PolicySpec.newBuilder()
                            .setBasicAuth(
                                io.agw.model.resource.v1.BasicAuth.newBuilder()
                                    .setHtpasswd(
                                        DataSource.newBuilder().setInline("alice:{SHA}pwhash"))))
                    .addPolicies(
                        PolicySpec.newBuilder()
                            .setJwtAuth(
                                io.agw.model.resource.v1.JwtAuth.newBuilder()
                                    .addProviders(
                                        io.agw.model.resource.v1.JwtProvider.newBuilder()
                                            .setIssuer("https://issuer.test")
                                            .setJwks(
                                                io.agw.model.resource.v1.Jwks.newBuilder()
                                                    .setInline("{\"keys\":[{\"d\":\"private\"}]}")))
                                    .addProviders(
                                        io.agw.model.resource.v1.JwtProvider.newBuilder()
                                            .setIssuer("other")
                                            .setJwks(
                                                io.agw.model.resource.v1.Jwks.newBuilder()
                                                    .setUrl("https://issuer.test/jwks")))))
                    .addPolicies(
                        PolicySpec.newBuilder()
                            .setRemoteRateLimit(
                                io.agw.model.resource.v1.RemoteRateLimit.newBuilder()
                                    .setRedisUrl("redis://:hunter2@127.0.0.1:6379")
                                    .setDomain("d"))))
            .build();
    String json = ConfigDumpEndpoint.toJson(r).toString();
    assertThat(json)
        .doesNotContain("sk-live-123")
        .doesNotContain("abcdef0123")
        .doesNotContain("pwhash")
        .doesNotContain("private")
        .doesNotContain("hunter2");
    assertThat(json).contains("https://issuer.test/jwks").contains("\"issuer\":\"other\"");
  }

  @Test
  void aGoogleCredentialJsonIsRedactedButItsFilePathStays() {
    Resource r =
        Resource.newBuilder()
            .setKey("backend/vertex")
            .setBackend(
                Backend.newBuilder()
                    .setKey("backend/vertex")
                    .setStatic(StaticBackend.newBuilder().setHost("h").setPort(1))
                    .addPolicies(
                        PolicySpec.newBuilder()
                            .setBackendAuth(
                                io.agw.model.resource.v1.BackendAuth.newBuilder()
                                    .setGcp(
                                        io.agw.model.resource.v1.GcpAuth.newBuilder()
                                            .setCredential(
                                                io.agw.model.resource.v1.SecretSource.newBuilder()
                                                    .setInline(
                                                        "{\"private_key\":\"PEM secret\"}")))))
                    .addPolicies(
                        PolicySpec.newBuilder()
                            .setBackendAuth(
                                io.agw.model.resource.v1.BackendAuth.newBuilder()
                                    .setGcp(
                                        io.agw.model.resource.v1.GcpAuth.newBuilder()
                                            .setCredential(
                                                io.agw.model.resource.v1.SecretSource.newBuilder()
                                                    .setFile("/etc/agw/sa.json"))))))
            .build();
    String json = ConfigDumpEndpoint.toJson(r).toString();
    assertThat(json).doesNotContain("secret").contains(SecretRedactor.REDACTED);
    assertThat(json).contains("/etc/agw/sa.json");
  }

  @Test
  void awsKeysAreRedactedAndTheirEnvironmentNamesStay() {
    Resource r =
        Resource.newBuilder()
            .setKey("backend/b")
            .setBackend(
                Backend.newBuilder()
                    .setKey("backend/b")
                    .setStatic(StaticBackend.newBuilder().setHost("h").setPort(1))
                    .addPolicies(
                        PolicySpec.newBuilder()
                            .setBackendAuth(
                                io.agw.model.resource.v1.BackendAuth.newBuilder()
                                    .setAws(
                                        io.agw.model.resource.v1.AwsAuth.newBuilder()
                                            .setAccessKeyId(
                                                io.agw.model.resource.v1.SecretSource.newBuilder()
                                                    .setInline("AKIAINLINEKEYID"))
                                            .setSecretAccessKey(
                                                io.agw.model.resource.v1.SecretSource.newBuilder()
                                                    .setInline("inline-secret-access-key"))
                                            .setSessionToken(
                                                io.agw.model.resource.v1.SecretSource.newBuilder()
                                                    .setFile("/run/aws-token"))
                                            .setRegion("us-east-1")))))
            .build();
    String json = ConfigDumpEndpoint.toJson(r).toString();
    assertThat(json).doesNotContain("AKIAINLINEKEYID").doesNotContain("inline-secret-access-key");
    assertThat(json)
        .contains(SecretRedactor.REDACTED)
        .contains("/run/aws-token")
        .contains("us-east-1");
  }

  @Test
  void anEntraClientSecretIsRedactedButTheTenantAndClientStay() {
    Resource r =
        Resource.newBuilder()
            .setKey("backend/b")
            .setBackend(
                Backend.newBuilder()
                    .setKey("backend/b")
                    .setStatic(StaticBackend.newBuilder().setHost("h").setPort(1))
                    .addPolicies(
                        PolicySpec.newBuilder()
                            .setBackendAuth(
                                io.agw.model.resource.v1.BackendAuth.newBuilder()
                                    .setAzure(
                                        io.agw.model.resource.v1.AzureAuth.newBuilder()
                                            .setSource(
                                                io.agw.model.resource.v1.AzureAuth.Source
                                                    .CLIENT_SECRET)
                                            .setTenantId("contoso-tenant")
                                            .setClientId("contoso-app")
                                            .setClientSecret(
                                                io.agw.model.resource.v1.SecretSource.newBuilder()
                                                    .setInline("inline-entra-client-secret"))))))
            .build();
    String json = ConfigDumpEndpoint.toJson(r).toString();
    assertThat(json).doesNotContain("inline-entra-client-secret");
    assertThat(json)
        .contains(SecretRedactor.REDACTED)
        .contains("contoso-tenant")
        .contains("contoso-app");
  }

  @Test
  void jwtSignKeysLocatedKeysAndCredentialsAreRedactedButTheirLocationsStay() {
    var secret = io.agw.model.resource.v1.SecretSource.newBuilder();
    var header =
        io.agw.model.resource.v1.CredentialLocation.newBuilder()
            .setHeader(
                io.agw.model.resource.v1.CredentialLocation.Header.newBuilder()
                    .setName("x-located"));
    Resource r =
        Resource.newBuilder()
            .setKey("backend/b")
            .setBackend(
                Backend.newBuilder()
                    .setKey("backend/b")
                    .setStatic(StaticBackend.newBuilder().setHost("h").setPort(1))
                    .addPolicies(
                        PolicySpec.newBuilder()
                            .setBackendAuth(
                                io.agw.model.resource.v1.BackendAuth.newBuilder()
                                    .setJwtSign(
                                        io.agw.model.resource.v1.JwtSignAuth.newBuilder()
                                            .setSigningKey(
                                                secret.setInline("-----BEGIN PRIVATE KEY-----MIG"))
                                            .setKid("kid-1"))))
                    .addPolicies(
                        PolicySpec.newBuilder()
                            .setBackendAuth(
                                io.agw.model.resource.v1.BackendAuth.newBuilder()
                                    .setLocatedKey(
                                        io.agw.model.resource.v1.LocatedKey.newBuilder()
                                            .setValue(secret.setInline("inline-located-key"))
                                            .setLocation(header))
                                    .addCredentials(
                                        io.agw.model.resource.v1.BackendCredential.newBuilder()
                                            .setKey(secret.setInline("inline-extra-credential"))
                                            .setLocation(header)))))
            .build();
    String json = ConfigDumpEndpoint.toJson(r).toString();
    assertThat(json)
        .doesNotContain("BEGIN PRIVATE KEY")
        .doesNotContain("inline-located-key")
        .doesNotContain("inline-extra-credential");
    assertThat(json).contains(SecretRedactor.REDACTED).contains("kid-1").contains("x-located");
  }
}
