package io.agw.gateway.llm.guard;

import java.util.List;

/** What a remote guard decided about the texts it was given. */
public sealed interface Verdict {

  /** The content may pass unchanged. */
  record Pass() implements Verdict {}

  /**
   * The content may pass with these texts in place of the ones the guard read: one per text, in the
   * same order (a guard that masks only some texts returns the others unchanged).
   */
  record Mask(List<String> texts) implements Verdict {
    public Mask {
      texts = List.copyOf(texts);
    }
  }

  /**
   * The content is refused. {@code status} and {@code message}, when the guard service gave them (a
   * webhook's own rejection), replace the configured rejection's status and body; 0 and null keep
   * the configured ones.
   */
  record Reject(int status, String message) implements Verdict {
    /** A refusal with the configured rejection. */
    public static Reject configured() {
      return new Reject(0, null);
    }
  }

  /** The guard service could not be reached or failed, and its failure mode lets content pass. */
  record FailOpen() implements Verdict {}

  /** Passing, shared. */
  Verdict PASS = new Pass();

  /** Failing open, shared. */
  Verdict FAIL_OPEN = new FailOpen();
}
