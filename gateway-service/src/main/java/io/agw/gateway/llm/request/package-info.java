/**
 * The front door of an LLM request: {@code LlmRequestFilter} tells the client API from the path,
 * reads the model, applies the route's {@code ai} policy, estimates prompt tokens and plans the
 * candidate providers; {@code ClientErrorFormatFilter} marks the error format of the client API
 * first; {@code LocalAnswerFilter} and {@code ModelList} answer what the gateway answers itself
 * ({@code /models}); {@code PromptText} gives prompt guards the text of a request.
 */
package io.agw.gateway.llm.request;
