package io.agw.gateway.llm.provider;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.StreamErrorException;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an upstream event stream into the client's SSE stream, piece by piece as bytes arrive:
 * frames events with {@link SseParser} (or another {@link Framing}), hands each to {@link
 * #onEvent}, and returns the SSE text to send at once. Nothing is held back beyond an incomplete
 * event.
 *
 * <p>The end: when the upstream finishes normally, {@link #onEnd} flushes what the dialect adds at
 * the end; when it stops before its own end marker (or fails, or reports an error event), the
 * client gets one error event in its format and the stream ends there.
 *
 * <p>Every stream that maps one API's events to another's is a {@link MappedStream} of the upstream
 * dialect's decoder, the pair's mapper and the client API's writer. A direct subclass only forwards
 * the upstream's own events unchanged (same dialect on both sides), reading the usage on the way.
 *
 * <p>Lifecycle: one instance per response, fed in order from one subscriber; not thread-safe.
 * {@link #usage()} may be read at any time.
 */
public abstract class StreamTranslator {

  /**
   * How upstream bytes are cut into named events: SSE for most providers, binary event-stream
   * frames for Bedrock. One instance per stream; not thread-safe.
   */
  public interface Framing {
    /** The events completed by {@code bytes}. */
    List<SseEvent> feed(byte[] bytes);

    /** The events left when the upstream body ends. */
    List<SseEvent> finish();

    /** A new server-sent events framing. */
    static Framing sse() {
      SseParser sse = new SseParser();
      return new Framing() {
        @Override
        public List<SseEvent> feed(byte[] bytes) {
          return sse.feed(bytes);
        }

        @Override
        public List<SseEvent> finish() {
          return sse.finish();
        }
      };
    }
  }

  private final Framing parser;
  private final Dialect client;
  private boolean complete;
  private boolean failed;
  private volatile long streamedChars;

  protected StreamTranslator(Dialect client) {
    this(client, Framing.sse());
  }

  protected StreamTranslator(Dialect client, Framing framing) {
    this.client = client;
    this.parser = framing;
  }

  /** The SSE text for the next bytes from the upstream (often empty). */
  public final List<String> onBytes(byte[] bytes) {
    List<String> out = new ArrayList<>();
    if (failed) {
      return out;
    }
    feed(parser.feed(bytes), out);
    return out;
  }

  /** The SSE text to send when the upstream body ends. */
  public final List<String> onEnd() {
    List<String> out = new ArrayList<>();
    if (failed) {
      return out;
    }
    feed(parser.finish(), out);
    if (failed) {
      return out;
    }
    if (!complete) {
      out.add(failure("api_error", "the LLM provider ended the stream before it was complete"));
      return out;
    }
    finish(out);
    return out;
  }

  /** The error event for an upstream failure in the middle of the stream. */
  public final String onFailure(Throwable error) {
    if (failed) {
      return "";
    }
    return failure("api_error", "the connection to the LLM provider failed during the stream");
  }

  /** The usage seen so far. */
  public abstract TokenUsage usage();

  /**
   * The running estimate of output tokens sent to the client so far: the characters of generated
   * text, reasoning and tool arguments in the client's events ({@link DeltaText}), four to a token,
   * rounded up. Cheap (no tokenizer); may be read from any thread.
   */
  public final long streamedOutputTokens() {
    return (streamedChars + 3) / 4;
  }

  /** Counts {@code chars} characters of generated text sent to the client. */
  protected final void streamed(int chars) {
    if (chars > 0) {
      // One writer (the stream's subscriber); the volatile write publishes the count.
      streamedChars = streamedChars + chars;
    }
  }

  /** Translates one upstream event into {@code out}. */
  protected abstract void onEvent(SseEvent event, List<String> out);

  /** Adds what the client's dialect sends after the last event (for OpenAI, {@code [DONE]}). */
  protected void finish(List<String> out) {}

  /** Marks that the upstream sent its own end of stream. */
  protected final void complete() {
    complete = true;
  }

  /** The client's error event; nothing is sent after it. */
  protected final String failure(String type, String message) {
    failed = true;
    return ClientErrors.streamEvent(client, type, message == null ? "stream error" : message);
  }

  private void feed(List<SseEvent> events, List<String> out) {
    for (SseEvent event : events) {
      if (failed) {
        return;
      }
      try {
        onEvent(event, out);
      } catch (StreamErrorException e) {
        out.add(failure(e.errorType(), e.getMessage()));
      } catch (RuntimeException e) {
        // Unparseable upstream data: the client cannot use the rest of this stream either.
        out.add(failure("api_error", "the LLM provider sent an invalid stream event"));
      }
    }
  }
}
