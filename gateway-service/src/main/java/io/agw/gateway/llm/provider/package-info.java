/**
 * Translators between the client-facing APIs and the backend APIs. Each sub-package is named after
 * the backend dialect it calls and holds that dialect's fixed roles: {@code XxxRequestMapper},
 * {@code XxxResponseMapper}, {@code XxxStreamMapper} (stateful, one per request) and {@code
 * XxxErrorMapper}. Mappers are pure: records in, records out.
 */
package io.agw.gateway.llm.provider;
