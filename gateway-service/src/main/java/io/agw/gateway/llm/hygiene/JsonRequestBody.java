package io.agw.gateway.llm.hygiene;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * What the LLM front doors accept as a request body: a JSON content type, so that a web page cannot
 * post to them cross-origin without a CORS preflight ({@code text/plain}, form and multipart bodies
 * are "simple" requests a browser sends without asking), and strict UTF-8, so that bytes that are
 * not text are refused instead of being replaced and forwarded. Stateless.
 */
public final class JsonRequestBody {

  private JsonRequestBody() {}

  /**
   * Whether the request declares a JSON body: {@code application/json} or any {@code
   * application/*+json} type, with any parameters (a {@code charset} among them).
   */
  public static boolean declaresJson(HttpHeaders headers) {
    MediaType type;
    try {
      type = headers.getContentType();
    } catch (InvalidMediaTypeException e) {
      return false;
    }
    if (type == null) {
      return false;
    }
    return type.getType().equals("application")
        && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
  }

  /**
   * The body as text, decoded as strict UTF-8.
   *
   * @throws CharacterCodingException when the bytes are not valid UTF-8
   */
  public static String decode(byte[] body) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(body))
        .toString();
  }
}
