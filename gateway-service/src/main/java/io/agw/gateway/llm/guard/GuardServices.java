package io.agw.gateway.llm.guard;

import io.agw.gateway.backend.BackendClients;
import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.cel.CelEnvironment;

/**
 * What remote guards need to call their services: the gateway's HTTP clients (shared pools, one per
 * {@code backendTLS}), the resolver of the secrets in their {@code policies}, the CEL environment
 * that compiles a webhook's header expressions, and the endpoint overrides of {@code
 * agw.guardrails}. Thread-safe.
 */
public record GuardServices(
    BackendClients clients,
    SecretResolver secrets,
    CelEnvironment cel,
    GuardrailProperties guardrails) {}
