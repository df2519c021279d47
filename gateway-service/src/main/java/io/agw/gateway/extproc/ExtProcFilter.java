package io.agw.gateway.extproc;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.errorformat.PolicyErrors;
import io.agw.gateway.http.RequestBodies;
import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * The {@code extProc} policy on a route: one Envoy ext_proc stream per request carries the request
 * phases ({@link RequestPhase}) and then the response phases ({@link ProcessedResponse}); the
 * service's header and body changes are applied, and its {@code immediate_response} goes to the
 * client instead (nothing reaches the upstream when it comes in a request phase). When the service
 * fails, {@code failClosed} answers 500; {@code failOpen} lets the request go on unprocessed (and
 * skips the response phases) if nothing of its body was streamed to the service yet, as
 * agentgateway does; a failure in a response phase always answers 500 while nothing was sent.
 * Immutable; thread-safe.
 */
public final class ExtProcFilter implements GatewayFilter {

  private static final Logger log = LoggerFactory.getLogger(ExtProcFilter.class);

  private final ProcessorCall call;

  ExtProcFilter(ProcessorCall call) {
    this.call = call;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    // The stream is opened (and the request headers sent) on subscription, not on assembly.
    return Mono.defer(() -> process(exchange, chain));
  }

  private Mono<Void> process(ServerWebExchange exchange, GatewayFilterChain chain) {
    CelContext cel = CelContext.request(exchange, RequestBodies.of(exchange));
    ProcessingStream stream =
        ProcessingStream.open(call.channel, call.grpcHeaders(cel), call.protocol());
    Side side = new Side(stream, true, call.metadata(cel), call.requestAttributes(cel));
    RequestPhase request = new RequestPhase(call, stream, side);
    // Failures of the request phases decide how the exchange goes on; failures after that (from
    // the response phases, through the chain) are answered where they happen, never retried here.
    return request
        .run(exchange)
        .<Supplier<Mono<Void>>>map(e -> () -> processed(e, chain, stream))
        .onErrorResume(
            ImmediateAnswer.class, a -> Mono.just(() -> immediate(exchange, a.response())))
        .onErrorResume(
            ProcessorFailure.class, f -> Mono.just(() -> unprocessed(exchange, chain, request, f)))
        .flatMap(Supplier::get)
        .doFinally(
            signal -> {
              request.dispose();
              if (signal == SignalType.ON_COMPLETE) {
                stream.finish();
              } else {
                stream.cancel();
              }
            });
  }

  private Mono<Void> processed(
      ServerWebExchange exchange, GatewayFilterChain chain, ProcessingStream stream) {
    return chain
        .filter(exchange.mutate().response(new ProcessedResponse(exchange, call, stream)).build())
        .onErrorResume(ImmediateAnswer.class, a -> immediate(exchange, a.response()))
        .onErrorResume(ProcessorFailure.class, f -> failed(exchange, f));
  }

  private Mono<Void> unprocessed(
      ServerWebExchange exchange,
      GatewayFilterChain chain,
      RequestPhase request,
      ProcessorFailure failure) {
    if (!call.failOpen() || !request.bodyUntouched()) {
      return failed(exchange, failure);
    }
    log.warn(
        "extProc: the processing service {} failed ({}); failOpen: the request goes on"
            + " unprocessed",
        call.policy.getHost(),
        failure.getMessage());
    return chain.filter(request.unprocessed(exchange));
  }

  private Mono<Void> failed(ServerWebExchange exchange, ProcessorFailure failure) {
    log.warn(
        "extProc: the processing service {} failed: {}",
        call.policy.getHost(),
        failure.getMessage());
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(failure);
    }
    exchange.getResponse().getHeaders().clear();
    return PolicyErrors.write(
        exchange,
        HttpStatus.INTERNAL_SERVER_ERROR,
        "external_processing_failed",
        "the external processing service failed");
  }

  /** Writes the service's own answer, unless something was already sent to the client. */
  static Mono<Void> immediate(ServerWebExchange exchange, ImmediateResponse answer) {
    exchange.getAttributes().put(PolicyErrors.LOCAL_RESPONSE_ATTRIBUTE, Boolean.TRUE);
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.empty();
    }
    HttpHeaders headers = response.getHeaders();
    headers.clear();
    response.setStatusCode(ImmediateAnswer.status(answer));
    HeaderMaps.apply(answer.getHeaders(), headers, HeaderMaps.PseudoHeaders.IGNORE);
    byte[] body = answer.getBody().toByteArray();
    headers.setContentLength(body.length);
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
  }

  @Override
  public String toString() {
    return "ExtProc[" + call.policy.getHost() + "]";
  }
}
