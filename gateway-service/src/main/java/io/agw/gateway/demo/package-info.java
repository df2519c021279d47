/**
 * The demo stand-ins of the built-in configuration: an OpenAI-compatible model ({@code
 * /demo/llm/v1}, model {@code agw-demo}) and an MCP server ({@code /demo/mcp}) served on the admin
 * port, so that a fresh gateway shows its LLM and MCP routes, usage, cost and keys with no network
 * and no account. They exist only while the gateway serves its built-in configuration, or when
 * {@code agw.demo.enabled=true} ({@link io.agw.gateway.demo.DemoEnabled}).
 */
package io.agw.gateway.demo;
