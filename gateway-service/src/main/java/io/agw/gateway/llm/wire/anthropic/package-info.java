/**
 * Wire records for the Anthropic Messages API ({@code /v1/messages}, its stream events, errors and
 * {@code count_tokens}).
 *
 * <p>Records type only the fields the gateway reads or changes; every other field is kept in an
 * {@code extra} map so unknown fields survive a round trip. Nulls are omitted on output. The
 * records carry no logic beyond small factories.
 */
package io.agw.gateway.llm.wire.anthropic;
