/**
 * LLM provider translation core: wire records per dialect ({@code wire.*}), pure mappers per
 * (client API x backend API) pair ({@code provider.*}), and SSE framing ({@code sse}). Nothing here
 * does I/O or depends on Spring; the WebFlux filters call these classes.
 */
package io.agw.gateway.llm;
