/**
 * Custom providers: any endpoint that speaks the OpenAI (or Anthropic) API, at an address the
 * configuration gives, with the API key in the header it names.
 */
package io.agw.gateway.llm.provider.custom;
