/**
 * Prompt guards ({@code ai.promptGuard}): regex guards that mask or reject sensitive content in the
 * prompt before a provider sees it and in the answer before the client does. They act on the
 * client's parsed body (chat completions, Messages, Responses, embeddings), so they work the same
 * for every provider. Used by the request and response steps; imports none of them.
 */
package io.agw.gateway.llm.guard;
