package io.agw.gateway.llm.guard;

import io.agw.gateway.backend.BackendClients;
import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.cel.CelEnvironment;

/**
 * What remote guards need to call their services: the gateway's HTTP clients (shared pools, one per
 * {@code backendTLS}), the resolver of the secrets in their {@code policies}, the CEL environment
 * that compiles a webhook's header expressions, and the base URLs that replace the services' fixed
 * endpoints ({@code agw.guardrails.endpoints}). Thread-safe.
 */
public record GuardServices(
    BackendClients clients, SecretResolver secrets, CelEnvironment cel, GuardEndpoints endpoints) {

  public GuardServices {
    endpoints = endpoints == null ? GuardEndpoints.NONE : endpoints;
  }
}
