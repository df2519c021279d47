package io.agw.gateway.mcp.openapi;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Unique MCP tool names for operations. MCP names are 1 to 128 characters of {@code A-Z a-z 0-9 _ -
 * .}; an operationId is kept when it already is one, otherwise its other characters become {@code
 * _}. An operation without an operationId is named {@code <method>_<path>} (for example {@code
 * get_pets_petId}). A name already taken gets {@code _2}, {@code _3}, ... Not thread-safe: one
 * instance per document.
 */
final class ToolNames {

  static final int MAX_LENGTH = 128;

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  private final Set<String> taken = new HashSet<>();

  String name(String operationId, String method, String path) {
    String base =
        operationId != null && !operationId.isBlank()
            ? sanitize(operationId)
            : sanitize(method.toLowerCase(Locale.ROOT) + "_" + path);
    String name = base;
    for (int n = 2; !taken.add(name); n++) {
      String suffix = "_" + n;
      name = truncate(base, MAX_LENGTH - suffix.length()) + suffix;
    }
    return name;
  }

  static String sanitize(String raw) {
    if (VALID.matcher(raw).matches()) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_';
      char next = allowed ? c : '_';
      // Runs of replaced characters (a "/{" in a path) read better as one separator.
      if (next == '_' && !out.isEmpty() && out.charAt(out.length() - 1) == '_') {
        continue;
      }
      out.append(next);
    }
    String trimmed = out.toString().replaceAll("^_+|_+$", "");
    return trimmed.isEmpty() ? "operation" : truncate(trimmed, MAX_LENGTH);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
