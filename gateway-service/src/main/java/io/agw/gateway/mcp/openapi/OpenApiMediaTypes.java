package io.agw.gateway.mcp.openapi;

import java.util.List;
import java.util.Locale;

/** The request body media types a tool can send, best first. */
final class OpenApiMediaTypes {

  static final String JSON = "application/json";
  static final String FORM = "application/x-www-form-urlencoded";
  static final String TEXT = "text/plain";

  private static final List<String> PREFERRED = List.of(JSON, FORM, TEXT);

  private OpenApiMediaTypes() {}

  static boolean isJson(String mediaType) {
    String type = base(mediaType);
    return type.equals(JSON) || type.endsWith("+json");
  }

  /** Rank of a media type among those a tool can send; -1 when it cannot send it. */
  static int rank(String mediaType) {
    String type = base(mediaType);
    if (isJson(type)) {
      return 0;
    }
    return PREFERRED.indexOf(type);
  }

  static String base(String mediaType) {
    int semicolon = mediaType.indexOf(';');
    String type = semicolon < 0 ? mediaType : mediaType.substring(0, semicolon);
    return type.strip().toLowerCase(Locale.ROOT);
  }
}
