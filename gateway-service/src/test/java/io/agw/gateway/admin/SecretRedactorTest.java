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
}
