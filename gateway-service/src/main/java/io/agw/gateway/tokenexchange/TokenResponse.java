package io.agw.gateway.tokenexchange;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a token endpoint's answer (RFC 6749 5.1 and 5.2, RFC 8693 2.2) as agentgateway does: a
 * success carries a non-empty {@code access_token} and {@code token_type} {@code Bearer} (an ID-JAG
 * carries {@code issued_token_type} id-jag and {@code token_type} {@code N_A} or none), and an
 * {@code issued_token_type}, when present, must be the one requested. An error status of 4xx other
 * than 401 and 403 means the caller's token was refused; 401, 403 (the gateway's own credentials)
 * and every other status are the gateway's failure. Pure.
 */
final class TokenResponse {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * A usable token.
   *
   * @param expiresIn seconds, or null when the answer does not say
   */
  record Issued(String accessToken, Long expiresIn) {
    @Override
    public String toString() {
      return "Issued[expiresIn=" + expiresIn + "]";
    }
  }

  private TokenResponse() {}

  /**
   * @param chained whether this is the second call of a chain, where a refusal is the gateway's
   *     failure (the caller's token was already accepted by the first call)
   * @throws TokenExchangeFailure when the answer is an error or unusable
   */
  static Issued read(int status, String body, String expectedIssuedType, boolean chained) {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JacksonException e) {
      json = null;
    }
    if (status < 200 || status > 299) {
      String error = errorCode(json);
      if (status >= 400 && status < 500 && status != 401 && status != 403 && !chained) {
        throw TokenExchangeFailure.refused(error);
      }
      throw TokenExchangeFailure.failed(
          "the "
              + (chained ? "resource authorization server" : "authorization server")
              + " answered "
              + status
              + " ("
              + error
              + ")");
    }
    if (json == null || !json.isObject()) {
      throw TokenExchangeFailure.failed("the token endpoint's answer is not a JSON object");
    }
    String token = text(json, "access_token");
    if (token == null || token.isEmpty()) {
      throw TokenExchangeFailure.failed("the token endpoint's answer has no access_token");
    }
    String tokenType = text(json, "token_type");
    String issuedType = text(json, "issued_token_type");
    if (TokenLeg.ID_JAG.equals(expectedIssuedType)) {
      if (!TokenLeg.ID_JAG.equals(issuedType)) {
        throw TokenExchangeFailure.failed("the identity provider did not issue an ID-JAG");
      }
      if (tokenType != null && !tokenType.equalsIgnoreCase("N_A")) {
        throw TokenExchangeFailure.failed("an ID-JAG answer has token_type N_A");
      }
    } else {
      if (tokenType == null || !tokenType.equalsIgnoreCase("Bearer")) {
        throw TokenExchangeFailure.failed("the token endpoint did not issue a bearer token");
      }
      if (expectedIssuedType != null
          && issuedType != null
          && !issuedType.equals(expectedIssuedType)) {
        throw TokenExchangeFailure.failed(
            "the token endpoint issued " + safe(issuedType) + ", not the type requested");
      }
    }
    JsonNode expires = json.get("expires_in");
    Long expiresIn = expires != null && expires.canConvertToLong() ? expires.asLong() : null;
    return new Issued(token, expiresIn);
  }

  private static String text(JsonNode json, String field) {
    JsonNode node = json.get(field);
    return node != null && node.isString() ? node.asString() : null;
  }

  /** RFC 6749 5.2's error code, which is safe to show; never the description or the body. */
  static String errorCode(JsonNode json) {
    String error = json == null ? null : text(json, "error");
    return error == null ? "no error code" : safe(error);
  }

  private static String safe(String value) {
    return value.matches("[A-Za-z0-9_.:\\-]{1,80}") ? value : "unreadable";
  }
}
