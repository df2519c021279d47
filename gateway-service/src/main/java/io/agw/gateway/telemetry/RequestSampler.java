package io.agw.gateway.telemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * The gateway's sampler: a request whose sampling a CEL expression decided ({@link TraceSampling})
 * is recorded or not as decided, and so are the spans started within it; every other span is left
 * to {@code startup}, the sampler of the constants. Thread-safe.
 */
final class RequestSampler implements Sampler {

  private final Sampler startup;

  RequestSampler(Sampler startup) {
    this.startup = startup;
  }

  @Override
  public SamplingResult shouldSample(
      Context parentContext,
      String traceId,
      String name,
      SpanKind spanKind,
      Attributes attributes,
      List<LinkData> parentLinks) {
    Boolean decided = parentContext.get(TraceSampling.DECISION);
    if (decided == null) {
      return startup.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }
    return decided ? SamplingResult.recordAndSample() : SamplingResult.drop();
  }

  @Override
  public String getDescription() {
    return "AgwRequestSampler{" + startup.getDescription() + "}";
  }
}
