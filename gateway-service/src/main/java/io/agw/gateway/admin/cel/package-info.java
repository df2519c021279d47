/**
 * {@code POST /api/v1/cel/evaluate}: the CEL playground's API, evaluating an expression with the
 * gateway's own CEL environment against a sample request, caller and LLM call.
 */
package io.agw.gateway.admin.cel;
