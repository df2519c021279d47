package io.agw.gateway.llm.provider;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * The request the gateway is about to send to a provider, as {@link UpstreamCredentials} see it.
 * The headers are mutable and are the ones sent; the body is final.
 *
 * @param method the HTTP method
 * @param uri the full upstream URL, query included
 * @param headers the headers to send; credentials are added here
 * @param body the body to send, or null when the client's body streams through unchanged
 */
public record OutboundRequest(HttpMethod method, URI uri, HttpHeaders headers, byte[] body) {}
