package io.agw.gateway.llm.wire.gemini;

/** Google's canonical status names for the HTTP statuses the gateway answers with. Stateless. */
public final class GeminiStatus {

  private GeminiStatus() {}

  public static String forHttp(int status) {
    return switch (status) {
      case 400, 413 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 405 -> "UNIMPLEMENTED";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 503 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
    };
  }
}
