package io.agw.gateway.llm.guard;

/**
 * One step over one text of a streamed answer: deltas go in, what may be sent now comes out. Not
 * thread-safe: one instance per text of one stream.
 */
interface TextStage {

  /** Takes a delta; returns what may be sent now (possibly empty). */
  String append(String delta);

  /** The end of the text: returns what was held. */
  String finish();

  /** Whether the stage refused the text; nothing more may be sent then. */
  default boolean rejected() {
    return false;
  }
}
