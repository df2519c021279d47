package io.agw.control.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.List;

/**
 * fabric8's mock Kubernetes API server in CRUD mode (with watches), on loopback over HTTP. It
 * answers a {@code SelfSubjectRulesReview} (which JOSDK's leader election sends to check its Lease
 * permissions) with every permission, as the CRUD mode would only echo it.
 */
public final class MockApiServer implements AutoCloseable {

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  public MockApiServer() {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of()) {
              @Override
              public MockResponse handleCreate(RecordedRequest request) {
                if (request.getPath().contains("/selfsubjectrulesreviews")) {
                  return new MockResponse()
                      .setResponseCode(201)
                      .setBody(
                          """
                          {"apiVersion": "authorization.k8s.io/v1",
                           "kind": "SelfSubjectRulesReview",
                           "spec": {},
                           "status": {"incomplete": false, "nonResourceRules": [],
                             "resourceRules": [{"apiGroups": ["*"], "resources": ["*"],
                                                "verbs": ["*"]}]}}
                          """);
                }
                return super.handleCreate(request);
              }
            },
            false);
    server.init();
    client = server.createClient();
  }

  public KubernetesClient client() {
    return client;
  }

  /** Another client of the same server, as a second control-service replica would have. */
  public KubernetesClient newClient() {
    return server.createClient();
  }

  /** Creates every object of a multi-document YAML text. */
  public void apply(String yaml) {
    client.load(new java.io.ByteArrayInputStream(yaml.getBytes())).create();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
