package io.agw.model.config.mapping;

import io.agw.model.config.yaml.ExtProcOptionsYaml;
import io.agw.model.config.yaml.ExtProcYaml;
import io.agw.model.resource.v1.ExtProc;
import io.agw.model.resource.v1.ExtProcMetadataNamespace;
import io.agw.model.resource.v1.ExtProcProcessingOptions;
import io.agw.model.resource.v1.ExtProcProcessingOptions.BodyMode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps the {@code extProc} policy with agentgateway's defaults: {@code failClosed}, every phase
 * sent, bodies streamed full duplex. The service is a {@code host} ({@code host:port}); a {@code
 * backend} reference, a {@code service} (issue 19), the service's own {@code policies} and {@code
 * allowModeOverride: true} are refused with their path, never ignored.
 */
final class ExtProcMapper {

  private final MappingContext ctx;

  ExtProcMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  ExtProc extProc(String path, ExtProcYaml yaml) {
    ExtProc.Builder b = ExtProc.newBuilder();
    target(path, yaml, b);
    if (yaml.policies() != null) {
      ctx.error(
          path + ".policies",
          "policies for the call to the processing service are not supported yet (issue 17)");
    }
    if (yaml.failureMode() != null) {
      switch (yaml.failureMode()) {
        case "failClosed" -> b.setFailureMode(ExtProc.FailureMode.FAIL_CLOSED);
        case "failOpen" -> b.setFailureMode(ExtProc.FailureMode.FAIL_OPEN);
        default ->
            ctx.error(
                path + ".failureMode",
                "unknown failure mode '" + yaml.failureMode() + "'; use failClosed or failOpen");
      }
    }
    if (yaml.metadataContext() != null) {
      for (var ns : new TreeMap<>(yaml.metadataContext()).entrySet()) {
        String at = path + ".metadataContext." + ns.getKey();
        if (ctx.require(at, ns.getValue())) {
          b.putMetadataContext(
              ns.getKey(),
              ExtProcMetadataNamespace.newBuilder()
                  .putAllFields(expressions(at, ns.getValue()))
                  .build());
        }
      }
    }
    if (yaml.requestAttributes() != null) {
      b.putAllRequestAttributes(expressions(path + ".requestAttributes", yaml.requestAttributes()));
    }
    if (yaml.responseAttributes() != null) {
      b.putAllResponseAttributes(
          expressions(path + ".responseAttributes", yaml.responseAttributes()));
    }
    if (yaml.processingOptions() != null) {
      b.setProcessingOptions(options(path + ".processingOptions", yaml.processingOptions()));
    }
    return b.build();
  }

  private void target(String path, ExtProcYaml yaml, ExtProc.Builder b) {
    int targets =
        (yaml.host() != null ? 1 : 0)
            + (yaml.backend() != null ? 1 : 0)
            + (yaml.service() != null ? 1 : 0);
    if (targets == 0) {
      ctx.error(path, "set the processing service: host (host:port)");
      return;
    }
    if (targets > 1) {
      ctx.error(path, "set exactly one of host, backend and service");
      return;
    }
    if (yaml.service() != null) {
      ctx.error(
          path + ".service",
          "service targets are not supported yet (services and workloads: issue 19); use host");
    } else if (yaml.backend() != null) {
      ctx.error(
          path + ".backend",
          "a backend reference as the processing service is not supported yet (issue 17); use"
              + " host");
    } else if (yaml.host().startsWith("unix:")) {
      ctx.error(path + ".host", "unix sockets are not supported; use host:port");
    } else {
      try {
        HostPort.parse(yaml.host());
        b.setHost(yaml.host());
      } catch (IllegalArgumentException e) {
        ctx.error(path + ".host", e.getMessage());
      }
    }
  }

  private ExtProcProcessingOptions options(String path, ExtProcOptionsYaml yaml) {
    ExtProcProcessingOptions.Builder b = ExtProcProcessingOptions.newBuilder();
    b.setRequestBodyMode(bodyMode(path + ".requestBodyMode", yaml.requestBodyMode()));
    b.setResponseBodyMode(bodyMode(path + ".responseBodyMode", yaml.responseBodyMode()));
    b.setSkipRequestHeaders(skip(path + ".requestHeaderMode", yaml.requestHeaderMode()));
    b.setSkipResponseHeaders(skip(path + ".responseHeaderMode", yaml.responseHeaderMode()));
    b.setSkipRequestTrailers(skip(path + ".requestTrailerMode", yaml.requestTrailerMode()));
    b.setSkipResponseTrailers(skip(path + ".responseTrailerMode", yaml.responseTrailerMode()));
    if (Boolean.TRUE.equals(yaml.allowModeOverride())) {
      ctx.error(
          path + ".allowModeOverride",
          "letting the processing service change modes (mode_override) is not supported yet"
              + " (issue 17); set the modes here");
    }
    return b.build();
  }

  private BodyMode bodyMode(String path, String value) {
    if (value == null) {
      return BodyMode.FULL_DUPLEX_STREAMED;
    }
    return switch (value) {
      case "fullDuplexStreamed" -> BodyMode.FULL_DUPLEX_STREAMED;
      case "none" -> BodyMode.NONE;
      case "buffered" -> BodyMode.BUFFERED;
      case "bufferedPartial" -> BodyMode.BUFFERED_PARTIAL;
      default -> {
        ctx.error(
            path,
            "unknown body mode '"
                + value
                + "'; use none, buffered, bufferedPartial or fullDuplexStreamed");
        yield BodyMode.FULL_DUPLEX_STREAMED;
      }
    };
  }

  private boolean skip(String path, String value) {
    if (value == null || value.equals("send")) {
      return false;
    }
    if (value.equals("skip")) {
      return true;
    }
    ctx.error(path, "unknown mode '" + value + "'; use send or skip");
    return false;
  }

  private Map<String, String> expressions(String path, Map<String, String> yaml) {
    Map<String, String> out = new TreeMap<>();
    for (var e : yaml.entrySet()) {
      if (ctx.require(path + "." + e.getKey(), e.getValue())) {
        ctx.checkCel(path + "." + e.getKey(), e.getValue());
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }
}
