/**
 * Where the LLM runtime ({@code io.agw.gateway.llm}) plugs into route compilation: the {@code ai}
 * backend kind (providers, LLM filters) and the {@code ai} policy kind. Kept out of {@code llm} so
 * that the runtime does not depend on the state compiler.
 */
package io.agw.gateway.llmroute;
