/**
 * The policy and backend kind registries: {@link io.agw.gateway.policy.PolicyKind} and {@link
 * io.agw.gateway.policy.BackendKind} (implemented by each feature and declared as Spring beans),
 * {@link io.agw.gateway.policy.PolicyFilters} and {@link io.agw.gateway.policy.BackendKinds} (which
 * the state factory calls), the per-route and per-backend compilation contexts, and {@link
 * io.agw.gateway.policy.FilterOrder}, where every step sits in a route's chain. Depends on {@code
 * backend} only; every feature depends on it, never the reverse.
 */
package io.agw.gateway.policy;
