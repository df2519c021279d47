package io.agw.gateway.usage.keys;

import io.agw.gateway.admin.api.AdminApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the bodies of the key endpoints. A field that is wrong is refused with 400 naming it; an
 * unknown field too (a typo must not silently leave a limit unset). In a PATCH an absent field is
 * left as it is and {@code null} clears it. Stateless.
 */
final class KeyRequests {

  static final int MAX_NAME = 200;
  static final Duration MAX_GRACE = Duration.ofDays(1);

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> FIELDS =
      Set.of("name", "team", "user", "tags", "allowedModels", "limits", "expiresAt");
  private static final Set<String> LIMIT_FIELDS = Set.of("requestsPerMinute", "tokensPerMinute");

  private KeyRequests() {}

  /** The settings of a new key from a create body. */
  static VirtualKey create(String body, String id, String hash, String prefix, Instant now) {
    JsonNode json = object(body, false);
    if (!json.has("name") || json.get("name").isNull()) {
      throw AdminApiException.invalid("name", "is required");
    }
    VirtualKey blank =
        new VirtualKey(
            id, null, hash, prefix, null, null, null, null, List.of(), null, null, null, null, now,
            now, null);
    return apply(json, blank, now);
  }

  /** {@code key} changed by a PATCH body. */
  static VirtualKey patch(String body, VirtualKey key, Instant now) {
    return apply(object(body, false), key, now);
  }

  /** The grace period of a rotate body (empty body: none). */
  static Duration gracePeriod(String body) {
    JsonNode json = object(body, true);
    for (String field : json.propertyNames()) {
      if (!field.equals("gracePeriod")) {
        throw AdminApiException.invalid(field, "is not a field of a rotation");
      }
    }
    JsonNode grace = json.get("gracePeriod");
    if (grace == null || grace.isNull()) {
      return Duration.ZERO;
    }
    Duration duration;
    try {
      duration = grace.isString() ? DurationStyle.detectAndParse(grace.asString()) : null;
    } catch (IllegalArgumentException e) {
      duration = null;
    }
    if (duration == null || duration.isNegative() || duration.compareTo(MAX_GRACE) > 0) {
      throw AdminApiException.invalid(
          "gracePeriod", "must be a duration such as \"30s\" or \"5m\", at most 24h");
    }
    return duration;
  }

  private static JsonNode object(String body, boolean emptyAllowed) {
    if (body == null || body.isBlank()) {
      if (emptyAllowed) {
        return JSON.createObjectNode();
      }
      throw new AdminApiException(
          HttpStatus.BAD_REQUEST, "invalid_request", "the request needs a JSON object body");
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new AdminApiException(
          HttpStatus.BAD_REQUEST, "invalid_request", "the body is not valid JSON");
    }
    if (json == null || !json.isObject()) {
      throw new AdminApiException(
          HttpStatus.BAD_REQUEST, "invalid_request", "the body must be a JSON object");
    }
    return json;
  }

  private static VirtualKey apply(JsonNode json, VirtualKey k, Instant now) {
    for (String field : json.propertyNames()) {
      if (!FIELDS.contains(field)) {
        throw AdminApiException.invalid(field, "is not a field of a key");
      }
    }
    String name = k.name();
    if (json.has("name")) {
      name = text(json.get("name"), "name");
      if (name == null || name.isBlank() || name.length() > MAX_NAME) {
        throw AdminApiException.invalid(
            "name", "must be a non-empty string of at most 200 characters");
      }
    }
    String team = json.has("team") ? text(json.get("team"), "team") : k.team();
    String user = json.has("user") ? text(json.get("user"), "user") : k.user();
    List<String> tags = k.tags();
    if (json.has("tags")) {
      List<String> given = strings(json.get("tags"), "tags");
      tags = given == null ? List.of() : given;
    }
    List<String> models =
        json.has("allowedModels")
            ? strings(json.get("allowedModels"), "allowedModels")
            : k.allowedModels();
    Long rpm = k.requestsPerMinute();
    Long tpm = k.tokensPerMinute();
    if (json.has("limits")) {
      JsonNode limits = json.get("limits");
      if (limits.isNull()) {
        rpm = null;
        tpm = null;
      } else if (!limits.isObject()) {
        throw AdminApiException.invalid("limits", "must be an object");
      } else {
        for (String field : limits.propertyNames()) {
          if (!LIMIT_FIELDS.contains(field)) {
            throw AdminApiException.invalid("limits." + field, "is not a limit");
          }
        }
        if (limits.has("requestsPerMinute")) {
          rpm = positive(limits.get("requestsPerMinute"), "limits.requestsPerMinute");
        }
        if (limits.has("tokensPerMinute")) {
          tpm = positive(limits.get("tokensPerMinute"), "limits.tokensPerMinute");
        }
      }
    }
    Instant expiresAt = k.expiresAt();
    if (json.has("expiresAt")) {
      String text = text(json.get("expiresAt"), "expiresAt");
      try {
        expiresAt = text == null ? null : Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw AdminApiException.invalid(
            "expiresAt", "must be an RFC 3339 time in UTC such as 2027-01-31T00:00:00Z");
      }
    }
    return new VirtualKey(
        k.id(),
        name,
        k.secretHash(),
        k.secretPrefix(),
        k.previousHash(),
        k.previousExpiresAt(),
        team,
        user,
        tags,
        models,
        rpm,
        tpm,
        expiresAt,
        k.createdAt(),
        now,
        k.revokedAt());
  }

  private static String text(JsonNode node, String field) {
    if (node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      throw AdminApiException.invalid(field, "must be a string");
    }
    return node.asString();
  }

  private static List<String> strings(JsonNode node, String field) {
    if (node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw AdminApiException.invalid(field, "must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isString() || item.asString().isEmpty()) {
        throw AdminApiException.invalid(field, "must be an array of non-empty strings");
      }
      out.add(item.asString());
    }
    return List.copyOf(out);
  }

  private static Long positive(JsonNode node, String field) {
    if (node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() <= 0) {
      throw AdminApiException.invalid(field, "must be a positive integer");
    }
    return node.asLong();
  }
}
