package io.agw.gateway.a2a;

import io.agw.gateway.a2a.A2aCallSummary.Outcome;
import io.agw.gateway.a2a.A2aEventInfo.Outcome.Error;
import io.agw.gateway.a2a.A2aEventInfo.Outcome.Result;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseParser;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Follows one A2A JSON-RPC call as its bytes flow through the gateway, without holding any of them
 * back: it keeps a bounded copy of the request body and of a plain JSON response, and reads an SSE
 * response event by event as the chunks pass (only the current incomplete event is kept). When the
 * call ends it hands one {@link A2aCallSummary} to its consumer, exactly once.
 *
 * <p>One instance per exchange. Not thread-safe beyond that: Reactor serializes the signals of one
 * body, and the request body completes before the response starts; {@link #finish} is guarded so
 * that racing end signals (completion, cancel, error) report once.
 */
final class A2aCallObserver {

  /** The most of a request or plain response body that is copied for inspection. */
  static final int MAX_INSPECTED_BYTES = 1 << 20;

  private final A2aCallParser parser;
  private final Consumer<A2aCallSummary> onFinish;
  private final BoundedBytes request = new BoundedBytes(MAX_INSPECTED_BYTES);
  private final AtomicBoolean finished = new AtomicBoolean();
  private BoundedBytes plainResponse;
  private SseParser sse;
  private HttpStatusCode status;
  private int events;
  private A2aEventInfo last = A2aEventInfo.EMPTY;
  private Optional<String> taskId = Optional.empty();
  private Optional<String> contextId = Optional.empty();
  private Optional<String> state = Optional.empty();

  A2aCallObserver(A2aCallParser parser, Consumer<A2aCallSummary> onFinish) {
    this.parser = parser;
    this.onFinish = onFinish;
  }

  /** The request body is (re)sent from its start. */
  void requestStarted() {
    request.reset();
  }

  void requestChunk(DataBuffer buffer) {
    request.append(buffer);
  }

  /** The response head is known; decides how its body is read. */
  void responseStarted(HttpStatusCode status, MediaType contentType) {
    this.status = status;
    if (contentType != null && MediaType.TEXT_EVENT_STREAM.isCompatibleWith(contentType)) {
      sse = new SseParser();
    } else {
      plainResponse = new BoundedBytes(MAX_INSPECTED_BYTES);
    }
  }

  void responseChunk(DataBuffer buffer) {
    if (sse != null) {
      sse.feed(BoundedBytes.bytesOf(buffer)).forEach(this::event);
    } else if (plainResponse != null) {
      plainResponse.append(buffer);
    }
  }

  /** The response was written completely. */
  void completed(HttpStatusCode finalStatus) {
    if (status == null) {
      status = finalStatus;
    }
    if (sse != null) {
      sse.finish().forEach(this::event);
    } else if (plainResponse != null && !plainResponse.overflowed()) {
      observe(parser.response(plainResponse.bytes()));
    }
    finish(outcomeOf(last));
  }

  /** The client went away before the response was complete. */
  void cancelled() {
    finish(Outcome.CANCELLED);
  }

  /** No complete answer came from the agent (unreachable, timeout, connection lost). */
  void failed() {
    finish(Outcome.GATEWAY_ERROR);
  }

  private void event(SseEvent event) {
    events++;
    observe(parser.event(event.data()));
  }

  private void observe(A2aEventInfo info) {
    last = info;
    taskId = info.taskId().or(() -> taskId);
    contextId = info.contextId().or(() -> contextId);
    state = info.state().or(() -> state);
  }

  private Outcome outcomeOf(A2aEventInfo info) {
    // Java 17 has no pattern switch; the three cases of the sealed Outcome are checked in turn.
    if (info.outcome() instanceof Result) {
      return Outcome.SUCCESS;
    }
    if (info.outcome() instanceof Error) {
      return Outcome.ERROR;
    }
    return status != null && !status.is2xxSuccessful() ? Outcome.HTTP_ERROR : Outcome.UNREADABLE;
  }

  private void finish(Outcome outcome) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    A2aCallInfo call = request.overflowed() ? A2aCallInfo.EMPTY : parser.request(request.bytes());
    Optional<Integer> errorCode =
        last.outcome() instanceof Error e && outcome == Outcome.ERROR
            ? Optional.of(e.code())
            : Optional.empty();
    onFinish.accept(
        new A2aCallSummary(
            call,
            taskId.or(call::taskId),
            contextId.or(call::contextId),
            state,
            outcome,
            errorCode,
            events));
  }
}
