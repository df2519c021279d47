/**
 * Virtual keys: API keys created, rotated and revoked through the admin API ({@code /api/v1/keys}),
 * stored hashed in the usage store, held in memory by every replica (refreshed by polling) and
 * accepted by every {@code apiKey} policy next to the configured keys, with their own request and
 * token limits.
 */
package io.agw.gateway.usage.keys;
