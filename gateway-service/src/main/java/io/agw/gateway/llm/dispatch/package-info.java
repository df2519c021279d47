/**
 * Sending an LLM request: {@code LlmDispatchFilter} runs the attempts (translate, target,
 * authenticate, send) and fails over between providers and groups ({@code FailoverSettings});
 * {@code LlmPlan} is the plan the request step made and the translation of one attempt; {@code
 * UpstreamRequest} the headers and URL sent.
 */
package io.agw.gateway.llm.dispatch;
