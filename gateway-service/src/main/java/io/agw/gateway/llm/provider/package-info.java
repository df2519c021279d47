/**
 * Translators between the client-facing APIs and the backend APIs. Each sub-package is named after
 * the backend dialect it calls and holds that dialect's fixed roles: {@code XxxRequestMapper},
 * {@code XxxResponseMapper}, {@code XxxStreamMapper} (stateful, one per request), {@code
 * XxxStreamDecoder} and {@code XxxErrorMapper}. Mappers are pure: records in, records out. A
 * translated stream is a {@link io.agw.gateway.llm.provider.MappedStream} of the dialect's decoder,
 * a stream mapper and the client API's writer.
 */
package io.agw.gateway.llm.provider;
