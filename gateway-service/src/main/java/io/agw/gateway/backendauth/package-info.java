/**
 * The {@code backendAuth} policy on plain HTTP backends: what the gateway writes on each request it
 * sends upstream (a key, the caller's validated JWT, a JWT it signs, extra credentials), where
 * (header, query parameter, cookie). {@code ai} backends read the same policy through their
 * providers ({@code io.agw.gateway.llm}).
 */
package io.agw.gateway.backendauth;
