package io.agw.gateway.tokenexchange;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A token exchange that did not produce a token, with a message safe for the client (no token, no
 * client secret, no body of the authorization server's answer): 401 when the caller's token is
 * missing or the authorization server refused it, 400 when the request cannot give an extra
 * parameter, 502 when the authorization server cannot be reached, refuses the gateway's own
 * credentials, fails, or answers something unusable. The traffic ports' error handler writes it in
 * the client's API format.
 */
final class TokenExchangeFailure extends ResponseStatusException {

  private TokenExchangeFailure(HttpStatus status, String message) {
    super(status, message);
  }

  static TokenExchangeFailure noToken(String what) {
    return new TokenExchangeFailure(
        HttpStatus.UNAUTHORIZED, "the request carries no " + what + " to exchange for the backend");
  }

  static TokenExchangeFailure refused(String error) {
    return new TokenExchangeFailure(
        HttpStatus.UNAUTHORIZED,
        "the authorization server refused to exchange the caller's token (" + error + ")");
  }

  static TokenExchangeFailure badParameter(String name) {
    return new TokenExchangeFailure(
        HttpStatus.BAD_REQUEST,
        "the token exchange parameter '" + name + "' cannot be computed for this request");
  }

  static TokenExchangeFailure failed(String reason) {
    return new TokenExchangeFailure(HttpStatus.BAD_GATEWAY, "the token exchange failed: " + reason);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    // An expected outcome on the request path: the message says all.
    return this;
  }
}
