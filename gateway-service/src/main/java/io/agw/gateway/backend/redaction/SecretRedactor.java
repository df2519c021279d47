package io.agw.gateway.backend.redaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes a request's provider credentials from text a provider sent back (an error body, a header
 * value), so that a provider echoing the key it received cannot hand the gateway's key to a client.
 * Redacted, each replaced by {@value #REDACTED}:
 *
 * <ul>
 *   <li>every occurrence of a secret;
 *   <li>a run of key characters (letters, digits, {@code -}, {@code _}) of at least {@value
 *       #MIN_FRAGMENT} characters that is a prefix or a suffix of a secret (printed on its own);
 *   <li>a masked form, as providers print keys: a prefix of the secret, then mask characters
 *       ({@code *}, {@code .}, {@code …}), then a suffix of it ({@code sk-proj-****...abcd}), when
 *       both ends match the secret or one end alone has at least {@value #MIN_FRAGMENT} characters.
 * </ul>
 *
 * Secrets shorter than {@value #MIN_FRAGMENT} characters are not redacted: replacing so short a
 * string everywhere would corrupt ordinary text, and no provider issues keys that short. Immutable
 * and thread-safe.
 */
public final class SecretRedactor {

  /** What a redacted secret is replaced with. */
  public static final String REDACTED = "[REDACTED]";

  /** The shortest secret, and the shortest fragment of one, that is redacted. */
  public static final int MIN_FRAGMENT = 8;

  /** Redacts nothing. */
  public static final SecretRedactor NONE = new SecretRedactor(List.of());

  private final List<String> secrets;

  private SecretRedactor(List<String> secrets) {
    this.secrets = secrets;
  }

  /** A redactor for {@code secrets}; those shorter than {@value #MIN_FRAGMENT} are ignored. */
  public static SecretRedactor of(Collection<String> secrets) {
    Set<String> kept = new LinkedHashSet<>();
    for (String s : secrets) {
      if (s != null && s.length() >= MIN_FRAGMENT) {
        kept.add(s);
      }
    }
    // Longest first, so a secret that contains another is replaced whole.
    List<String> sorted = new ArrayList<>(kept);
    sorted.sort((a, b) -> b.length() - a.length());
    return new SecretRedactor(List.copyOf(sorted));
  }

  /** This redactor and {@code other}'s secrets together. */
  public SecretRedactor and(SecretRedactor other) {
    List<String> all = new ArrayList<>(secrets);
    all.addAll(other.secrets);
    return of(all);
  }

  /** Whether there is nothing to redact. */
  public boolean isEmpty() {
    return secrets.isEmpty();
  }

  /** {@code text} with every secret, fragment and masked form of one replaced. */
  public String redact(String text) {
    if (secrets.isEmpty() || text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, REDACTED);
    }
    return redactFragments(out);
  }

  /** Whether {@code text} holds anything {@link #redact} would replace. */
  public boolean leaks(String text) {
    return text != null && !redact(text).equals(text);
  }

  private String redactFragments(String text) {
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < text.length()) {
      if (!isTokenChar(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && isTokenChar(text.charAt(i))) {
        i++;
      }
      int end = i;
      // A full stop that ends a sentence is not part of the key before it.
      if (end - start > 1 && text.charAt(end - 1) == '.' && text.charAt(end - 2) != '.') {
        end--;
      }
      if (isSecretFragment(text.substring(start, end))
          || isSecretFragment(text.substring(start, i))) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, copied, start).append(REDACTED);
        copied = end;
      }
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  private boolean isSecretFragment(String token) {
    int firstMask = -1;
    int lastMask = -1;
    for (int k = 0; k < token.length(); k++) {
      if (isMaskChar(token.charAt(k))) {
        if (firstMask < 0) {
          firstMask = k;
        }
        lastMask = k;
      }
    }
    for (String secret : secrets) {
      if (firstMask < 0) {
        if (token.length() >= MIN_FRAGMENT
            && (secret.startsWith(token) || secret.endsWith(token))) {
          return true;
        }
        continue;
      }
      String head = token.substring(0, firstMask);
      String tail = token.substring(lastMask + 1);
      boolean headMatches = !head.isEmpty() && secret.startsWith(head);
      boolean tailMatches = !tail.isEmpty() && secret.endsWith(tail);
      if ((headMatches && tailMatches)
          || (headMatches && head.length() >= MIN_FRAGMENT)
          || (tailMatches && tail.length() >= MIN_FRAGMENT)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isMaskChar(char c) {
    return c == '*' || c == '.' || c == '…';
  }

  /**
   * Characters of API keys (letters, digits, dashes, underscores) and mask characters. A key with
   * other characters (base64's {@code +/=}) is cut into runs here, each checked on its own.
   */
  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || isMaskChar(c);
  }
}
