package io.agw.gateway.server;

/**
 * Puts a request's raw (still percent-encoded) path into one canonical form, so that route
 * matching, every policy and the backend see the same path whatever spelling the client chose:
 *
 * <ul>
 *   <li>percent-encoded unreserved characters (RFC 3986 section 2.3: {@code A-Z a-z 0-9 - . _ ~})
 *       are decoded, the hex digits of every other percent-encoding are upper-cased (section
 *       6.2.2.2);
 *   <li>dot segments are removed (section 5.2.4), after that decoding, so {@code %2e%2e} is a
 *       {@code ..} too; a path that climbs above the root is refused;
 *   <li>repeated slashes are merged into one, when {@code mergeSlashes} is set;
 *   <li>encoded slashes and backslashes ({@code %2F}, {@code %5C}) are kept as they are or refused,
 *       as {@link EscapedSlashes} says; they never separate segments here;
 *   <li>invalid percent-encodings, control characters (raw or encoded), backslashes and any other
 *       character that RFC 3986 does not allow in a path are refused.
 * </ul>
 *
 * A path that needs no change is returned as the same instance. The query string is not part of the
 * input. Immutable and thread-safe.
 */
public final class PathNormalizer {

  /** What happens to a percent-encoded slash or backslash ({@code %2F}, {@code %5C}). */
  public enum EscapedSlashes {
    /** Kept encoded (hex upper-cased): part of a segment, not a separator. */
    KEEP,
    /** The request is refused. */
    REJECT
  }

  /** The path cannot be normalized safely; the client gets 400 with {@link #getMessage()}. */
  public static final class RefusedPathException extends RuntimeException {
    RefusedPathException(String message) {
      super(message, null, false, false);
    }
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  // pchar (RFC 3986 section 3.3) minus pct-encoded, plus the separator '/'.
  private static final boolean[] PLAIN = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      PLAIN[c] = true;
      PLAIN[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      PLAIN[c] = true;
    }
    for (char c : "-._~!$&'()*+,;=:@/".toCharArray()) {
      PLAIN[c] = true;
    }
  }

  private final boolean mergeSlashes;
  private final EscapedSlashes escapedSlashes;

  public PathNormalizer(boolean mergeSlashes, EscapedSlashes escapedSlashes) {
    this.mergeSlashes = mergeSlashes;
    this.escapedSlashes = escapedSlashes;
  }

  /**
   * The canonical form of a raw path.
   *
   * @param rawPath the path as the client sent it, without the query ({@code ""} is returned as is)
   * @throws RefusedPathException when the path is invalid or would leave the root
   */
  public String normalize(String rawPath) {
    if (rawPath.isEmpty() || isCanonical(rawPath)) {
      return rawPath;
    }
    if (rawPath.charAt(0) != '/') {
      throw new RefusedPathException("the request path must start with '/'");
    }
    StringBuilder out = new StringBuilder(rawPath.length());
    // Where each kept segment starts in out (at its '/'), so that ".." can drop the last one.
    int[] starts = new int[rawPath.length()];
    int depth = 0;
    StringBuilder segment = new StringBuilder();
    boolean trailingSlash = false;
    int from = 1;
    while (from <= rawPath.length()) {
      int end = rawPath.indexOf('/', from);
      boolean last = end < 0;
      if (last) {
        end = rawPath.length();
      }
      segment.setLength(0);
      canonicalSegment(rawPath, from, end, segment);
      if (isDot(segment)) {
        trailingSlash = last;
      } else if (isDotDot(segment)) {
        if (depth == 0) {
          throw new RefusedPathException("the request path climbs above the root");
        }
        out.setLength(starts[--depth]);
        trailingSlash = last;
      } else if (segment.isEmpty() && (last || mergeSlashes)) {
        trailingSlash = last;
      } else {
        starts[depth++] = out.length();
        out.append('/').append(segment);
        trailingSlash = false;
      }
      from = end + 1;
    }
    if (trailingSlash || out.isEmpty()) {
      out.append('/');
    }
    String normalized = out.toString();
    return normalized.equals(rawPath) ? rawPath : normalized;
  }

  /**
   * True when nothing in the path would change: only plain characters, no percent sign, no dot
   * segment, and no repeated slash when slashes are merged. The common case, checked without
   * allocating.
   */
  private boolean isCanonical(String path) {
    if (path.charAt(0) != '/') {
      return false;
    }
    int segmentStart = 1;
    for (int i = 1, n = path.length(); i <= n; i++) {
      char c = i == n ? '/' : path.charAt(i);
      if (c == '/') {
        int length = i - segmentStart;
        if (length == 1 && path.charAt(segmentStart) == '.'
            || length == 2 && path.charAt(segmentStart) == '.' && path.charAt(i - 1) == '.'
            || length == 0 && mergeSlashes && i < n) {
          return false;
        }
        segmentStart = i + 1;
      } else if (c >= 128 || !PLAIN[c]) {
        return false;
      }
    }
    return true;
  }

  private void canonicalSegment(String path, int from, int to, StringBuilder out) {
    for (int i = from; i < to; i++) {
      char c = path.charAt(i);
      if (c == '%') {
        if (i + 2 >= to || hex(path.charAt(i + 1)) < 0 || hex(path.charAt(i + 2)) < 0) {
          throw new RefusedPathException("the request path has an invalid percent-encoding");
        }
        int b = hex(path.charAt(i + 1)) << 4 | hex(path.charAt(i + 2));
        appendDecoded(b, out);
        i += 2;
      } else if (c < 0x20 || c == 0x7f) {
        throw new RefusedPathException("the request path contains a control character");
      } else if (c == '\\') {
        throw new RefusedPathException("the request path contains a backslash");
      } else if (c >= 128) {
        throw new RefusedPathException("the request path contains a non-ASCII character");
      } else if (!PLAIN[c]) {
        throw new RefusedPathException(
            "the request path contains a character that must be percent-encoded");
      } else {
        out.append(c);
      }
    }
  }

  private void appendDecoded(int b, StringBuilder out) {
    if (b < 0x20 || b == 0x7f) {
      throw new RefusedPathException("the request path contains an encoded control character");
    }
    if (b == '/' || b == '\\') {
      if (escapedSlashes == EscapedSlashes.REJECT) {
        throw new RefusedPathException("the request path contains an encoded slash or backslash");
      }
    } else if (b < 128 && isUnreserved((char) b)) {
      out.append((char) b);
      return;
    }
    out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
  }

  private static boolean isUnreserved(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static boolean isDot(CharSequence s) {
    return s.length() == 1 && s.charAt(0) == '.';
  }

  private static boolean isDotDot(CharSequence s) {
    return s.length() == 2 && s.charAt(0) == '.' && s.charAt(1) == '.';
  }

  @Override
  public String toString() {
    return "PathNormalizer[mergeSlashes="
        + mergeSlashes
        + ", escapedSlashes="
        + escapedSlashes
        + "]";
  }
}
