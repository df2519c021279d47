package io.agw.gateway.extproc;

import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import java.util.ArrayDeque;
import java.util.Queue;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The processing service's answers for one side of the exchange (request or response), in the order
 * they arrived, taken one at a time by the phase that waits for them. Once the stream ends, a
 * waiting or later {@link #next()} fails with {@link ProcessorFailure}. Thread-safe: the gRPC
 * thread offers while a reactor thread takes.
 */
final class Inbox {

  private final Queue<ProcessingResponse> queue = new ArrayDeque<>();
  private MonoSink<ProcessingResponse> waiting;
  private ProcessorFailure failure;

  void offer(ProcessingResponse response) {
    MonoSink<ProcessingResponse> sink;
    synchronized (this) {
      if (failure != null) {
        return;
      }
      sink = waiting;
      waiting = null;
      if (sink == null) {
        queue.add(response);
        return;
      }
    }
    sink.success(response);
  }

  void fail(ProcessorFailure cause) {
    MonoSink<ProcessingResponse> sink;
    synchronized (this) {
      if (failure != null) {
        return;
      }
      failure = cause;
      sink = waiting;
      waiting = null;
    }
    if (sink != null) {
      sink.error(cause);
    }
  }

  /** The next answer: one already received, or the next to arrive. One caller at a time. */
  Mono<ProcessingResponse> next() {
    return Mono.create(
        sink -> {
          ProcessingResponse ready;
          ProcessorFailure failed = null;
          synchronized (this) {
            ready = queue.poll();
            if (ready == null) {
              if (failure != null) {
                failed = failure;
              } else {
                waiting = sink;
                sink.onCancel(this::forget);
                return;
              }
            }
          }
          if (ready != null) {
            sink.success(ready);
          } else {
            sink.error(failed);
          }
        });
  }

  private synchronized void forget() {
    waiting = null;
  }
}
