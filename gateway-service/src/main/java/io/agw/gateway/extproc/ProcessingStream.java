package io.agw.gateway.extproc;

import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProtocolConfiguration;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One {@code envoy.service.ext_proc.v3.ExternalProcessor/Process} stream: the exchange's messages
 * go out in the order they are sent; the service's answers are sorted to the request side or the
 * response side by their kind (an {@code immediate_response} goes to both), as agentgateway does.
 * {@link #ready()} completes once the call has a transport (the service is reachable), so a body is
 * only read for the service when it can be sent. Thread-safe; used for one exchange.
 */
final class ProcessingStream {

  private final Inbox requestSide = new Inbox();
  private final Inbox responseSide = new Inbox();
  private final Sinks.Empty<Void> ready = Sinks.empty();
  private final ProtocolConfiguration protocol;
  private ClientCallStreamObserver<ProcessingRequest> out;
  private boolean protocolSent;
  private boolean closed;

  private ProcessingStream(ProtocolConfiguration protocol) {
    this.protocol = protocol;
  }

  /**
   * Opens the stream, with {@code headers} as the call's initial metadata; {@code protocol} goes
   * with the first message.
   */
  static ProcessingStream open(
      ManagedChannel channel, Metadata headers, ProtocolConfiguration protocol) {
    ProcessingStream stream = new ProcessingStream(protocol);
    ExternalProcessorGrpc.newStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .process(stream.new Answers());
    return stream;
  }

  /** Sends one message; ignored once the stream is closed. */
  synchronized void send(ProcessingRequest.Builder message) {
    if (closed) {
      return;
    }
    if (!protocolSent) {
      protocolSent = true;
      message.setProtocolConfig(protocol);
    }
    out.onNext(message.build());
  }

  Mono<Void> ready() {
    return ready.asMono();
  }

  /** The next answer to a request-side message (headers, body, trailers) or an immediate one. */
  Mono<ProcessingResponse> nextForRequest() {
    return requestSide.next();
  }

  /** The next answer to a response-side message, or an immediate one. */
  Mono<ProcessingResponse> nextForResponse() {
    return responseSide.next();
  }

  /** Ends the exchange's side of the stream: everything was sent. */
  synchronized void finish() {
    if (!closed) {
      closed = true;
      out.onCompleted();
    }
  }

  /** Abandons the stream (the exchange ended early, or the service is no longer needed). */
  synchronized void cancel() {
    if (!closed) {
      closed = true;
      out.cancel("the exchange no longer needs the processing service", null);
    }
  }

  private final class Answers
      implements ClientResponseObserver<ProcessingRequest, ProcessingResponse> {

    @Override
    public void beforeStart(ClientCallStreamObserver<ProcessingRequest> requests) {
      out = requests;
      requests.setOnReadyHandler(ready::tryEmitEmpty);
    }

    @Override
    public void onNext(ProcessingResponse answer) {
      switch (answer.getResponseCase()) {
        case REQUEST_HEADERS, REQUEST_BODY, REQUEST_TRAILERS -> requestSide.offer(answer);
        case RESPONSE_HEADERS, RESPONSE_BODY, RESPONSE_TRAILERS -> responseSide.offer(answer);
        case IMMEDIATE_RESPONSE -> {
          requestSide.offer(answer);
          responseSide.offer(answer);
        }
        case RESPONSE_NOT_SET -> {}
      }
    }

    @Override
    public void onError(Throwable t) {
      ProcessorFailure failure =
          new ProcessorFailure("the processing service's stream failed: " + t.getMessage(), t);
      ready.tryEmitError(failure);
      requestSide.fail(failure);
      responseSide.fail(failure);
    }

    @Override
    public void onCompleted() {
      ProcessorFailure failure = new ProcessorFailure("the processing service ended the stream");
      ready.tryEmitError(failure);
      requestSide.fail(failure);
      responseSide.fail(failure);
    }
  }
}
