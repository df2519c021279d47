package io.agw.gateway.mcp.session;

import io.agw.gateway.mcp.json.McpJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ids of server-to-client requests as the client sees them: {@code agw.<target>.<id>}, where
 * {@code <id>} is the server's own JSON-RPC id (a string or a number) as base64url JSON. The
 * client's answer carries the id back, and the target and the server's id are read from it, so the
 * answer can be sent on by any replica without a table. A client can only name targets of its own
 * session with it. Pure; thread-safe.
 */
public final class RelayIds {

  /** A server request's origin: the target that sent it and its id there. */
  public record Origin(String target, Object id) {}

  private static final String PREFIX = "agw.";
  private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9_-]+");

  private RelayIds() {}

  /** The id the client sees for request {@code id} of {@code target}. */
  public static String encode(String target, Object id) {
    byte[] json = McpJson.write(id).getBytes(StandardCharsets.UTF_8);
    return PREFIX + target + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(json);
  }

  /** The origin of a relayed id; empty when {@code id} is not one the gateway wrote. */
  public static Optional<Origin> decode(Object id) {
    if (!(id instanceof String s) || !s.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int dot = s.indexOf('.', PREFIX.length());
    if (dot < 0) {
      return Optional.empty();
    }
    String target = s.substring(PREFIX.length(), dot);
    if (!TARGET.matcher(target).matches()) {
      return Optional.empty();
    }
    try {
      byte[] json = Base64.getUrlDecoder().decode(s.substring(dot + 1));
      Object original = McpJson.MAPPER.readValue(json, Object.class);
      if (!(original instanceof String) && !(original instanceof Number)) {
        return Optional.empty();
      }
      return Optional.of(new Origin(target, original));
    } catch (IllegalArgumentException | java.io.IOException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
