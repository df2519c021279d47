/**
 * Wire records for the OpenAI APIs the gateway fronts or calls: chat completions (request,
 * response, stream chunk), the error envelope, the Responses output (the response object, its
 * output items and content parts, usage, the stream events) and the Responses and embeddings
 * requests as far as needed to pass them through.
 *
 * <p>Records type only the fields the gateway reads or changes; every other field is kept in an
 * {@code extra} map (and every unknown union case in an {@code Unknown} record) so unknown fields
 * survive a round trip. Nulls are omitted on output.
 */
package io.agw.gateway.llm.wire.openai;
