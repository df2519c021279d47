package io.agw.gateway.security.extauthz;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/** What the authorization service decided about one request. */
sealed interface Decision {

  /** How one header is written onto a request or a response (Envoy's append actions). */
  enum Action {
    APPEND_IF_EXISTS_OR_ADD,
    ADD_IF_ABSENT,
    OVERWRITE_IF_EXISTS_OR_ADD,
    OVERWRITE_IF_EXISTS
  }

  /** One header change. */
  record HeaderEdit(String name, String value, Action action) {

    void applyTo(HttpHeaders headers) {
      switch (action) {
        case APPEND_IF_EXISTS_OR_ADD -> headers.add(name, value);
        case ADD_IF_ABSENT -> {
          if (!headers.containsHeader(name)) {
            headers.set(name, value);
          }
        }
        case OVERWRITE_IF_EXISTS_OR_ADD -> headers.set(name, value);
        case OVERWRITE_IF_EXISTS -> {
          if (headers.containsHeader(name)) {
            headers.set(name, value);
          }
        }
      }
    }
  }

  /**
   * The request goes on: {@code removed} headers are dropped, then {@code request} edits applied;
   * {@code response} edits are applied to the client's response; {@code metadata} becomes the
   * {@code extauthz} CEL variable (plain Java values).
   */
  record Allow(
      List<HeaderEdit> request,
      List<String> removed,
      List<HeaderEdit> response,
      Map<String, Object> metadata)
      implements Decision {

    static Allow empty() {
      return new Allow(List.of(), List.of(), List.of(), Map.of());
    }
  }

  /** The service's answer goes to the client as it is. */
  record Deny(int status, HttpHeaders headers, byte[] body, Map<String, Object> metadata)
      implements Decision {}

  /** Refused without a response of the service's own (answered with the gateway's 403). */
  record DenyWithoutResponse(Map<String, Object> metadata) implements Decision {}

  /** The service could not decide (unreachable, timed out, a failed call): failureMode applies. */
  record Unavailable(String reason) implements Decision {}
}
