package io.agw.gateway.policy;

import io.agw.gateway.backend.BackendClients;
import io.agw.gateway.backend.DeferredHeaders;
import io.agw.gateway.backend.redaction.CredentialHeaders;
import io.agw.model.resource.v1.BackendTls;
import io.agw.model.resource.v1.PolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * One backend of a route being compiled: its resource, the policies that apply to it (the
 * resource's, then the route reference's) and what those policies set. Not thread-safe.
 */
public final class BackendCompilation {

  private final io.agw.model.resource.v1.Backend resource;
  private final BackendTls routeTls;
  private final List<PolicySpec> policies;
  private final BackendClients clients;
  private final List<Consumer<HttpHeaders>> requestHeaders = new ArrayList<>();
  private BackendTls tls;

  public BackendCompilation(
      io.agw.model.resource.v1.Backend resource,
      BackendTls routeTls,
      List<PolicySpec> policies,
      BackendClients clients) {
    this.resource = resource;
    this.routeTls = routeTls;
    this.policies = List.copyOf(policies);
    this.clients = clients;
    this.tls = routeTls;
  }

  public io.agw.model.resource.v1.Backend resource() {
    return resource;
  }

  public String key() {
    return resource.getKey();
  }

  /** The name for logs and metrics: the resource's name, or its key. */
  public String name() {
    return resource.getName().isEmpty() ? resource.getKey() : resource.getName();
  }

  /** The route's {@code backendTLS}, null if none. */
  public BackendTls routeTls() {
    return routeTls;
  }

  /** The backend's policies: the resource's, then the route reference's. */
  public List<PolicySpec> policies() {
    return policies;
  }

  public BackendClients clients() {
    return clients;
  }

  /** The TLS towards the backend: the last {@code backendTLS} that applies, null for plain HTTP. */
  public BackendTls tls() {
    return tls;
  }

  public void tls(BackendTls tls) {
    this.tls = tls;
  }

  /** Header changes for every request sent to the backend, in order. */
  public List<Consumer<HttpHeaders>> requestHeaders() {
    return List.copyOf(requestHeaders);
  }

  public void addRequestHeaders(Consumer<HttpHeaders> change) {
    requestHeaders.add(change);
  }

  /**
   * A header change that sets a credential: applied in order with the other changes, and what it
   * sets is redacted from the backend's response headers and error bodies.
   */
  public void addCredentials(Consumer<HttpHeaders> change) {
    requestHeaders.add(new CredentialHeaders(change));
  }

  /**
   * Credentials worked out per request (a token exchanged for the caller): resolved when the
   * backend is chosen, applied in order with the other changes, and redacted like {@link
   * #addCredentials} ones.
   */
  public void addDeferredCredentials(DeferredHeaders change) {
    requestHeaders.add(change);
  }

  /**
   * Credentials computed for each request from its exchange (the caller's token, a token signed per
   * request, a query parameter of the upstream URL); redacted like {@link #addCredentials}.
   */
  public void addRequestCredentials(BiConsumer<ServerWebExchange, HttpHeaders> change) {
    requestHeaders.add(CredentialHeaders.perRequest(change));
  }
}
