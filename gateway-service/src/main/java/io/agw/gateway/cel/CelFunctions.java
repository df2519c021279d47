package io.agw.gateway.cel;

import static io.agw.model.cel.CelFunctionDeclarations.*;

import dev.cel.common.values.CelByteString;
import dev.cel.runtime.CelFunctionBinding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The run-time half of agentgateway's own functions ({@link
 * io.agw.model.cel.CelFunctionDeclarations}): JSON, maps, randomness, strings and encodings. A
 * function given input it cannot handle is an evaluation error, never a value. Stateless.
 */
final class CelFunctions {

  private CelFunctions() {}

  static List<CelFunctionBinding> bindings(Set<String> sensitiveHeaders) {
    List<CelFunctionBinding> b = new ArrayList<>();
    b.add(CelFunctionBinding.from(JSON_STRING, String.class, CelValues::parseJson));
    b.add(
        CelFunctionBinding.from(
            JSON_BYTES, CelByteString.class, v -> CelValues.parseJson(text(v))));
    b.add(
        CelFunctionBinding.from(
            JSON_FIELD_STRING, String.class, String.class, CelFunctions::jsonField));
    b.add(
        CelFunctionBinding.from(
            JSON_FIELD_BYTES, CelByteString.class, String.class, (v, k) -> jsonField(text(v), k)));
    b.add(CelFunctionBinding.from(TO_JSON, Object.class, CelValues::toJson));
    b.add(CelFunctionBinding.from(TO_JSON_SNAKE, Object.class, CelValues::toJson));
    b.add(CelFunctionBinding.from(UNVALIDATED_JWT_PAYLOAD, String.class, CelFunctions::jwtPayload));
    b.add(CelFunctionBinding.from(UNREDACTED, String.class, value -> value));
    b.add(CelFunctionBinding.from(MAP_MERGE, Map.class, Map.class, CelFunctions::merge));
    b.add(
        CelFunctionBinding.from(
            RANDOM, List.of(), args -> ThreadLocalRandom.current().nextDouble()));
    b.add(CelFunctionBinding.from(UUID, List.of(), args -> java.util.UUID.randomUUID().toString()));
    b.add(
        CelFunctionBinding.from(
            FAIL,
            String.class,
            message -> {
              throw new IllegalArgumentException("fail() called: " + message);
            }));
    b.add(
        CelFunctionBinding.from(
            REGEX_REPLACE,
            List.of(String.class, String.class, String.class),
            args -> regexReplace((String) args[0], (String) args[1], (String) args[2])));
    b.add(
        CelFunctionBinding.from(
            STRIP_PREFIX, String.class, String.class, CelFunctions::stripPrefix));
    b.add(
        CelFunctionBinding.from(
            STRIP_SUFFIX, String.class, String.class, CelFunctions::stripSuffix));
    b.add(
        CelFunctionBinding.from(
            MAP_INSERT,
            List.of(Map.class, Object.class, Object.class),
            args -> insert((Map<?, ?>) args[0], args[1], args[2])));
    b.addAll(CelEncodings.bindings());
    b.addAll(CelBits.bindings());
    b.addAll(CelHeaders.bindings(sensitiveHeaders));
    b.addAll(CelQueries.bindings());
    b.addAll(CelFlatten.bindings());
    return b;
  }

  static String text(CelByteString bytes) {
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }

  /** {@code jsonField(json, key)}: one top-level field of a JSON object; missing is an error. */
  static Object jsonField(String json, String key) {
    Object parsed = CelValues.parseJson(json);
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("jsonField(): not a JSON object");
    }
    if (!map.containsKey(key)) {
      throw new IllegalArgumentException("jsonField(): no such key: " + key);
    }
    return map.get(key);
  }

  /**
   * The payload of a JWT, its signature not checked: three segments, base64url JSON in the middle.
   */
  static Object jwtPayload(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("invalid JWT: expected 3 segments, got " + parts.length);
    }
    byte[] payload;
    try {
      payload = Base64.getUrlDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid JWT: the payload is not base64url");
    }
    return CelValues.parseJson(new String(payload, StandardCharsets.UTF_8));
  }

  /** The entries of both maps, {@code other}'s winning on a shared key. */
  static Map<Object, Object> merge(Map<?, ?> map, Map<?, ?> other) {
    Map<Object, Object> out = new LinkedHashMap<>(map);
    out.putAll(other);
    return out;
  }

  /** A copy of {@code map} with one more entry (the accumulator of the map macros). */
  static Map<Object, Object> insert(Map<?, ?> map, Object key, Object value) {
    Map<Object, Object> out = new LinkedHashMap<>(map);
    out.put(key, value);
    return out;
  }

  /** The first match of {@code regex} replaced ({@code $1} names a group), as agentgateway does. */
  static String regexReplace(String text, String regex, String replacement) {
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("'" + regex + "' not a valid regex");
    }
    return pattern.matcher(text).replaceFirst(replacement);
  }

  static String stripPrefix(String text, String prefix) {
    return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
  }

  static String stripSuffix(String text, String suffix) {
    return text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text;
  }
}
