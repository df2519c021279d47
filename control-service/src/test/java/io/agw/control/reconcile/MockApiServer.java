package io.agw.control.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.List;

/** fabric8's mock Kubernetes API server in CRUD mode (with watches), on loopback over HTTP. */
public final class MockApiServer implements AutoCloseable {

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  public MockApiServer() {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of()),
            false);
    server.init();
    client = server.createClient();
  }

  public KubernetesClient client() {
    return client;
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
