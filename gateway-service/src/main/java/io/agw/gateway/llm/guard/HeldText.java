package io.agw.gateway.llm.guard;

import io.agw.gateway.guard.regex.RegexGuard;

/**
 * One response guard over one text of a streamed answer (a choice's content, a content block):
 * deltas go in, the text that can no longer be part of a match comes out at once, masked; only the
 * shortest tail that could still complete or lengthen a match is held back, until the next delta or
 * the end of the text decides it. A reject guard releases the same way and reports a match as soon
 * as one is seen. Not thread-safe: one instance per text of one stream.
 */
final class HeldText implements TextStage {

  /** Released text kept as context, so look-behinds see what came before a delta. */
  private static final int CONTEXT = 64;

  private final RegexGuard guard;
  private String context = "";
  private final StringBuilder pending = new StringBuilder();
  private boolean matched;
  private boolean masked;

  HeldText(RegexGuard guard) {
    this.guard = guard;
  }

  @Override
  public String append(String delta) {
    pending.append(delta);
    String buffer = context + pending;
    int from = context.length();
    if (guard.rejects()) {
      if (guard.matchesFrom(buffer, from)) {
        matched = true;
        return "";
      }
    }
    int cut = guard.releasable(buffer, from);
    return release(buffer, from, cut);
  }

  @Override
  public String finish() {
    String buffer = context + pending;
    int from = context.length();
    if (guard.rejects() && guard.matchesFrom(buffer, from)) {
      matched = true;
      return "";
    }
    return release(buffer, from, buffer.length());
  }

  /** Whether a reject guard saw a match; nothing more may be sent then. */
  @Override
  public boolean rejected() {
    return matched;
  }

  /** Whether a mask guard changed anything it released. */
  boolean masked() {
    return masked;
  }

  private String release(String buffer, int from, int cut) {
    if (cut == from) {
      return "";
    }
    String segment = buffer.substring(from, cut);
    String out = guard.rejects() ? segment : guard.maskAfter(context, segment);
    masked |= !out.equals(segment);
    String released = buffer.substring(0, cut);
    context = released.substring(Math.max(0, released.length() - CONTEXT));
    pending.delete(0, cut - from);
    return out;
  }
}
