package io.agw.gateway.security.extauthz;

import org.springframework.web.server.ServerWebExchange;

/**
 * What one check is about: the exchange, and the body to send (null when none is sent).
 *
 * @param body the body bytes, at most {@code maxRequestBytes}
 * @param partial whether {@code body} is cut short
 * @param size the client's body size, or -1 when partial
 */
record CheckInput(ServerWebExchange exchange, byte[] body, boolean partial, long size) {}
