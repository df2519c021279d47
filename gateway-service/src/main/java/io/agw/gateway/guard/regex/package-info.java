/**
 * Regex guards: built-in patterns of sensitive data (Luhn-checked where the kind has a checksum)
 * and custom patterns that mask or reject text. Shared by the LLM prompt guards ({@code llm.guard})
 * and the MCP guardrails ({@code mcp.guard}); knows neither.
 */
package io.agw.gateway.guard.regex;
