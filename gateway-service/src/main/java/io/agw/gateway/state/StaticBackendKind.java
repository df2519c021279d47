package io.agw.gateway.state;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.backend.BackendClients;
import io.agw.gateway.policy.BackendCompilation;
import io.agw.gateway.policy.BackendKind;
import java.net.URI;

/** {@code static} backends: one host and port, plain HTTP or TLS ({@code backendTLS}). */
final class StaticBackendKind implements BackendKind {

  @Override
  public io.agw.model.resource.v1.Backend.KindCase kind() {
    return io.agw.model.resource.v1.Backend.KindCase.STATIC;
  }

  @Override
  public Backend build(BackendCompilation backend) {
    var s = backend.resource().getStatic();
    var tls = backend.tls();
    String scheme = tls == null ? "http" : "https";
    URI base = URI.create(scheme + "://" + hostForUri(s.getHost()) + ":" + s.getPort());
    var client = tls == null ? backend.clients().plain() : backend.clients().secured(tls);
    if (tls != null) {
      BackendClients.sslContext(tls); // fail the state now on unreadable certificates
    }
    return new Backend(backend.key(), backend.name(), base, client, backend.requestHeaders());
  }

  private static String hostForUri(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
