package io.agw.gateway.extproc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import java.util.Map;

/**
 * The messages of one side of the exchange (request or response): each carries the side's {@code
 * metadata_context}; the first also carries the side's {@code attributes}. Thread-safe (the body of
 * a side is sent from one thread at a time, after its headers).
 */
final class Side {

  private final ProcessingStream stream;
  private final boolean request;
  private final Metadata metadata;
  private Map<String, Struct> attributes;

  Side(
      ProcessingStream stream, boolean request, Metadata metadata, Map<String, Struct> attributes) {
    this.stream = stream;
    this.request = request;
    this.metadata = metadata;
    this.attributes = attributes;
  }

  void headers(HeaderMap headers, boolean endOfStream) {
    HttpHeaders h =
        HttpHeaders.newBuilder().setHeaders(headers).setEndOfStream(endOfStream).build();
    ProcessingRequest.Builder m = ProcessingRequest.newBuilder();
    if (request) {
      m.setRequestHeaders(h);
    } else {
      m.setResponseHeaders(h);
    }
    send(m);
  }

  void body(byte[] bytes, boolean endOfStream) {
    HttpBody b =
        HttpBody.newBuilder()
            .setBody(ByteString.copyFrom(bytes))
            .setEndOfStream(endOfStream)
            .build();
    ProcessingRequest.Builder m = ProcessingRequest.newBuilder();
    if (request) {
      m.setRequestBody(b);
    } else {
      m.setResponseBody(b);
    }
    send(m);
  }

  private synchronized void send(ProcessingRequest.Builder message) {
    if (metadata.getFilterMetadataCount() > 0) {
      message.setMetadataContext(metadata);
    }
    if (attributes != null) {
      message.putAllAttributes(attributes);
      attributes = null;
    }
    stream.send(message);
  }
}
