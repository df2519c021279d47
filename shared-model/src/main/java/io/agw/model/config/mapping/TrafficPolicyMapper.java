package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import io.agw.model.config.yaml.BufferYaml;
import io.agw.model.config.yaml.CorsYaml;
import io.agw.model.config.yaml.DirectResponseYaml;
import io.agw.model.config.yaml.RetryYaml;
import io.agw.model.config.yaml.TimeoutYaml;
import io.agw.model.resource.v1.BodyLimit;
import io.agw.model.resource.v1.Cors;
import io.agw.model.resource.v1.DirectResponse;
import io.agw.model.resource.v1.Retry;
import io.agw.model.resource.v1.Timeout;
import java.util.List;
import java.util.Optional;

/** Maps the policies that shape traffic: CORS, timeouts, retries, body limits, direct responses. */
final class TrafficPolicyMapper {

  private final MappingContext ctx;

  TrafficPolicyMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  Cors cors(String path, CorsYaml yaml) {
    Cors.Builder b = Cors.newBuilder();
    if (yaml.allowCredentials() != null) {
      b.setAllowCredentials(yaml.allowCredentials());
    }
    b.addAllAllowHeaders(strings(path + ".allowHeaders", yaml.allowHeaders()));
    b.addAllAllowMethods(strings(path + ".allowMethods", yaml.allowMethods()));
    b.addAllAllowOrigins(strings(path + ".allowOrigins", yaml.allowOrigins()));
    b.addAllExposeHeaders(strings(path + ".exposeHeaders", yaml.exposeHeaders()));
    ctx.duration(path + ".maxAge", yaml.maxAge()).ifPresent(b::setMaxAge);
    return b.build();
  }

  Timeout timeout(String path, TimeoutYaml yaml) {
    Timeout.Builder b = Timeout.newBuilder();
    ctx.duration(path + ".requestTimeout", yaml.requestTimeout()).ifPresent(b::setRequestTimeout);
    ctx.duration(path + ".backendRequestTimeout", yaml.backendRequestTimeout())
        .ifPresent(b::setBackendRequestTimeout);
    return b.build();
  }

  Retry retry(String path, RetryYaml yaml) {
    Retry.Builder b = Retry.newBuilder();
    int attempts = yaml.attempts() == null ? 1 : yaml.attempts();
    if (attempts < 1 || attempts > 255) {
      ctx.error(path + ".attempts", "attempts is from 1 to 255, not " + attempts);
    }
    b.setAttempts(attempts);
    ctx.duration(path + ".backoff", yaml.backoff()).ifPresent(b::setBackoff);
    if (ctx.require(path + ".codes", yaml.codes())) {
      for (int i = 0; i < yaml.codes().size(); i++) {
        Integer code = yaml.codes().get(i);
        if (code == null || code < 100 || code > 599) {
          ctx.error(path + ".codes[" + i + "]", "an HTTP status code is from 100 to 599");
        } else {
          b.addCodes(code);
        }
      }
    }
    return b.build();
  }

  /** The request body limit; {@code buffer.response} is refused by the reader. */
  Optional<BodyLimit> requestBodyLimit(String path, BufferYaml yaml) {
    if (yaml.request() == null) {
      ctx.error(path, "set request (buffer.response is not supported yet)");
      return Optional.empty();
    }
    String requestPath = path + ".request";
    BodyLimit.Builder b = BodyLimit.newBuilder();
    Long maxBytes = yaml.request().maxBytes();
    if (ctx.require(requestPath + ".maxBytes", maxBytes)) {
      if (maxBytes < 0) {
        ctx.error(requestPath + ".maxBytes", "must not be negative");
      } else {
        b.setMaxBytes(maxBytes);
      }
    }
    String mode = yaml.request().failureMode();
    if (mode != null && !mode.equals("failClosed") && !mode.equals("failOpen")) {
      ctx.error(
          requestPath + ".failureMode",
          "unknown failure mode '" + mode + "'; use failClosed or failOpen");
    }
    b.setFailOpen("failOpen".equals(mode));
    return Optional.of(b.build());
  }

  DirectResponse directResponse(String path, DirectResponseYaml yaml) {
    DirectResponse.Builder b = DirectResponse.newBuilder();
    if (ctx.require(path + ".status", yaml.status())) {
      if (yaml.status() < 100 || yaml.status() > 599) {
        ctx.error(path + ".status", "an HTTP status code is from 100 to 599, not " + yaml.status());
      } else {
        b.setStatus(yaml.status());
      }
    }
    if (yaml.body() != null) {
      b.setBody(yaml.body().bytes());
    }
    return b.build();
  }

  private List<String> strings(String path, List<String> values) {
    List<String> result = list(values);
    for (int i = 0; i < result.size(); i++) {
      if (result.get(i) == null || result.get(i).isBlank()) {
        ctx.error(path + "[" + i + "]", "must not be empty");
      }
    }
    return result.stream().filter(s -> s != null && !s.isBlank()).toList();
  }
}
