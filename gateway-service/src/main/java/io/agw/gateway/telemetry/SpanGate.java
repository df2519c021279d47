package io.agw.gateway.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * agentgateway's {@code frontendPolicies.tracing.filter}: a request's spans are exported only when
 * the filter, evaluated as the request ends, is true. The server span of a filtered request is
 * {@link #hold held}: its descendants started in the gateway join it, and every one that ends
 * before the decision waits here instead of reaching the exporter's processor; {@link #decide} then
 * passes them on or drops them, and so are the server span and any descendant ending later. Spans
 * of requests without a filter pass straight through. Thread-safe.
 */
public final class SpanGate {

  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private volatile SpanProcessor next = SpanProcessor.composite();

  /** One filtered request: the ids of its spans, those ended so far and the decision. */
  private static final class Held {
    final List<String> members = new ArrayList<>();
    final List<ReadableSpan> ended = new ArrayList<>();
    Boolean keep;
  }

  /** Holds the spans of the request whose server span is {@code server} until {@link #decide}. */
  void hold(Span server) {
    if (server.isRecording()) {
      Held h = new Held();
      String id = server.getSpanContext().getSpanId();
      h.members.add(id);
      held.put(id, h);
    }
  }

  /** Passes the held spans of {@code server}'s request on ({@code keep}) or drops them. */
  void decide(Span server, boolean keep) {
    Held h = held.get(server.getSpanContext().getSpanId());
    if (h == null) {
      return;
    }
    List<ReadableSpan> release;
    synchronized (h) {
      h.keep = keep;
      release = keep ? List.copyOf(h.ended) : List.of();
      h.ended.clear();
    }
    SpanProcessor to = next;
    release.forEach(to::onEnd);
  }

  /** {@code delegate} (the SDK's processors, once) behind this gate. */
  SpanProcessor wrap(SpanProcessor delegate) {
    next = delegate;
    return new Gated(delegate);
  }

  private final class Gated implements SpanProcessor {

    private final SpanProcessor delegate;

    Gated(SpanProcessor delegate) {
      this.delegate = delegate;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      delegate.onStart(parentContext, span);
      if (held.isEmpty()) {
        return;
      }
      SpanContext parent = span.getParentSpanContext();
      Held h = parent.isValid() ? held.get(parent.getSpanId()) : null;
      if (h != null) {
        String id = span.getSpanContext().getSpanId();
        synchronized (h) {
          h.members.add(id);
        }
        held.put(id, h);
      }
    }

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      Held h = held.isEmpty() ? null : held.get(span.getSpanContext().getSpanId());
      if (h == null) {
        delegate.onEnd(span);
        return;
      }
      boolean pass;
      synchronized (h) {
        if (h.keep == null) {
          h.ended.add(span);
          pass = false;
        } else {
          pass = h.keep;
        }
      }
      if (pass) {
        delegate.onEnd(span);
      }
      if (span.getParentSpanContext().isValid()
          && held.get(span.getParentSpanContext().getSpanId()) == h) {
        return;
      }
      // The server span ended: the request is over, forget it (a decision is always made first).
      List<String> ids;
      synchronized (h) {
        ids = List.copyOf(h.members);
      }
      ids.forEach(held::remove);
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }

    @Override
    public CompletableResultCode shutdown() {
      return delegate.shutdown();
    }

    @Override
    public CompletableResultCode forceFlush() {
      return delegate.forceFlush();
    }
  }
}
