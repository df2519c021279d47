/**
 * LLM upstream hygiene: what the gateway keeps from crossing between clients and third-party
 * providers. Provider credentials are redacted from what providers send back ({@link
 * io.agw.gateway.backend.redaction.SecretRedactor}), client addresses are not forwarded to
 * providers ({@link io.agw.gateway.llm.hygiene.ClientAddressHeadersFilter}), and request bodies
 * must be JSON in strict UTF-8 ({@link io.agw.gateway.llm.hygiene.JsonRequestBody}).
 */
package io.agw.gateway.llm.hygiene;
