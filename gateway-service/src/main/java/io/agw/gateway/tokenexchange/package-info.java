/**
 * {@code backendAuth.oauthTokenExchange} and {@code backendAuth.crossAppAccess}: the caller's token
 * exchanged per request at an authorization server (RFC 8693 token exchange, RFC 7523 JWT bearer
 * grant, and the ID-JAG chain of both), cached until shortly before it expires, and sent to a plain
 * backend in place of the caller's credential. Pure pieces ({@link
 * io.agw.gateway.tokenexchange.TokenForm}, {@link io.agw.gateway.tokenexchange.TokenResponse}) are
 * separate from the I/O ({@link io.agw.gateway.tokenexchange.TokenEndpointClient}) and the cache.
 */
package io.agw.gateway.tokenexchange;
