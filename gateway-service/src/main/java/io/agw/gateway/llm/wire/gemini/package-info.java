/**
 * Wire records for Google's Gemini API ({@code generateContent}, {@code streamGenerateContent}, as
 * served by Google AI Studio and by Vertex AI): the request, the response (also each stream chunk),
 * and the error envelope.
 *
 * <p>Records type only the fields the gateway reads or changes; every other field is kept in an
 * {@code extra} map so unknown fields (new part kinds, safety settings, labels) survive a round
 * trip. Nulls are omitted on output. Field names are Gemini's camelCase.
 */
package io.agw.gateway.llm.wire.gemini;
