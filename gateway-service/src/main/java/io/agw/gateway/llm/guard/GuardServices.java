package io.agw.gateway.llm.guard;

import io.agw.gateway.backend.BackendClients;
import io.agw.gateway.llm.backend.SecretResolver;

/**
 * What remote guards need to call their services: the gateway's HTTP clients (shared pools, one per
 * {@code backendTLS}), the resolver of the secrets in their {@code policies}, and the base URLs
 * that replace the services' fixed endpoints. Thread-safe.
 */
public record GuardServices(
    BackendClients clients, SecretResolver secrets, GuardEndpoints endpoints) {

  public GuardServices {
    endpoints = endpoints == null ? GuardEndpoints.NONE : endpoints;
  }
}
