/**
 * Server-sent events framing: an incremental parser that accepts text or bytes split anywhere, and
 * a writer. Pure classes with no I/O; the JSON inside {@code data} is left to the dialects.
 */
package io.agw.gateway.llm.sse;
