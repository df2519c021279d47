package io.agw.gateway.extproc;

import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import org.springframework.http.HttpStatus;

/**
 * The processing service answered the client itself ({@code immediate_response}) while the body was
 * streaming, after the gateway had started the exchange; thrown through the body so that the filter
 * can write the answer if nothing was sent to the client yet.
 */
final class ImmediateAnswer extends RuntimeException {

  private final transient ImmediateResponse response;

  ImmediateAnswer(ImmediateResponse response) {
    super("the processing service answered the client itself", null, false, false);
    this.response = response;
  }

  ImmediateResponse response() {
    return response;
  }

  /** The status of an immediate response; 200 when the service set none (as agentgateway). */
  static HttpStatus status(ImmediateResponse response) {
    HttpStatus status =
        response.hasStatus() ? HttpStatus.resolve(response.getStatus().getCodeValue()) : null;
    return status == null ? HttpStatus.OK : status;
  }
}
