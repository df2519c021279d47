package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import io.agw.model.config.yaml.BodyYaml;
import io.agw.model.config.yaml.BufferBodyYaml;
import io.agw.model.config.yaml.BufferYaml;
import io.agw.model.config.yaml.ConditionalDirectResponseYaml;
import io.agw.model.config.yaml.CorsYaml;
import io.agw.model.config.yaml.DelayYaml;
import io.agw.model.config.yaml.DirectResponseYaml;
import io.agw.model.config.yaml.RequestMirrorYaml;
import io.agw.model.config.yaml.RetryYaml;
import io.agw.model.config.yaml.TimeoutYaml;
import io.agw.model.resource.v1.BodyLimit;
import io.agw.model.resource.v1.ConditionalDirectResponse;
import io.agw.model.resource.v1.Cors;
import io.agw.model.resource.v1.Delay;
import io.agw.model.resource.v1.DirectResponse;
import io.agw.model.resource.v1.HeaderExpression;
import io.agw.model.resource.v1.RequestMirror;
import io.agw.model.resource.v1.Retry;
import io.agw.model.resource.v1.Timeout;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps the policies that shape traffic: CORS, timeouts, retries, body limits, direct responses,
 * delays and request mirrors.
 */
final class TrafficPolicyMapper {

  /** A duration with units, as agentgateway's (Go's) duration parser reads it; else it is CEL. */
  /** An HTTP header name (RFC 9110 token). */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private static final Pattern GO_DURATION =
      Pattern.compile("(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+");

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
    if (yaml.precondition() != null) {
      ctx.checkCel(path + ".precondition", yaml.precondition());
      b.setPrecondition(yaml.precondition());
    }
    if (yaml.condition() != null) {
      ctx.checkCel(path + ".condition", yaml.condition());
      b.setCondition(yaml.condition());
    }
    return b.build();
  }

  /** The request body limit ({@code buffer.request}), if set. */
  Optional<BodyLimit> requestBodyLimit(String path, BufferYaml yaml) {
    if (yaml.request() == null && yaml.response() == null) {
      ctx.error(path, "set request, response or both");
    }
    return yaml.request() == null
        ? Optional.empty()
        : Optional.of(bodyLimit(path + ".request", yaml.request()));
  }

  /** The response buffer ({@code buffer.response}), if set. */
  Optional<BodyLimit> responseBuffer(String path, BufferYaml yaml) {
    return yaml.response() == null
        ? Optional.empty()
        : Optional.of(bodyLimit(path + ".response", yaml.response()));
  }

  private BodyLimit bodyLimit(String path, BufferBodyYaml yaml) {
    BodyLimit.Builder b = BodyLimit.newBuilder();
    Long maxBytes = yaml.maxBytes();
    if (ctx.require(path + ".maxBytes", maxBytes)) {
      if (maxBytes < 0) {
        ctx.error(path + ".maxBytes", "must not be negative");
      } else {
        b.setMaxBytes(maxBytes);
      }
    }
    String mode = yaml.failureMode();
    if (mode != null && !mode.equals("failClosed") && !mode.equals("failOpen")) {
      ctx.error(
          path + ".failureMode", "unknown failure mode '" + mode + "'; use failClosed or failOpen");
    }
    b.setFailOpen("failOpen".equals(mode));
    return b.build();
  }

  /**
   * A direct response, or agentgateway's conditional list of them (only the last entry may have no
   * condition). {@code body} and {@code bodyExpression} exclude each other.
   */
  DirectResponse directResponse(String path, DirectResponseYaml yaml) {
    boolean plain =
        yaml.status() != null
            || yaml.body() != null
            || yaml.bodyExpression() != null
            || yaml.headers() != null;
    if (yaml.conditional() == null) {
      return response(path, yaml.status(), yaml.body(), yaml.bodyExpression(), yaml.headers());
    }
    DirectResponse.Builder b = DirectResponse.newBuilder();
    if (plain) {
      ctx.error(path, "set either conditional, or status, body, bodyExpression and headers");
      return b.build();
    }
    List<ConditionalDirectResponseYaml> entries = yaml.conditional();
    if (entries.isEmpty()) {
      ctx.error(path + ".conditional", "must not be empty");
    }
    for (int i = 0; i < entries.size(); i++) {
      String p = path + ".conditional[" + i + "]";
      ConditionalDirectResponseYaml e = entries.get(i);
      if (e == null) {
        ctx.error(p, "must not be empty");
        continue;
      }
      if (e.condition() == null && i != entries.size() - 1) {
        ctx.error(p, "only the last entry may have no condition (it is the fallback)");
      }
      ConditionalDirectResponse.Builder entry = ConditionalDirectResponse.newBuilder();
      if (e.condition() != null) {
        ctx.checkCel(p + ".condition", e.condition());
        entry.setCondition(e.condition());
      }
      entry.setResponse(response(p, e.status(), e.body(), e.bodyExpression(), e.headers()));
      b.addConditional(entry);
    }
    return b.build();
  }

  private DirectResponse response(
      String path,
      Integer status,
      BodyYaml body,
      String bodyExpression,
      Map<String, String> headers) {
    DirectResponse.Builder b = DirectResponse.newBuilder();
    if (ctx.require(path + ".status", status)) {
      if (status < 100 || status > 599) {
        ctx.error(path + ".status", "an HTTP status code is from 100 to 599, not " + status);
      } else {
        b.setStatus(status);
      }
    }
    if (body != null && bodyExpression != null) {
      ctx.error(path, "set either body or bodyExpression, not both");
    } else if (body != null) {
      b.setBody(body.bytes());
    } else if (bodyExpression != null) {
      ctx.checkCel(path + ".bodyExpression", bodyExpression);
      b.setBodyExpression(bodyExpression);
    }
    if (headers != null) {
      for (Map.Entry<String, String> h : headers.entrySet()) {
        String at = path + ".headers." + h.getKey();
        if (!HEADER_NAME.matcher(h.getKey()).matches()) {
          ctx.error(at, "not a valid header name");
        } else if (h.getValue() == null) {
          ctx.error(at, "a CEL expression must not be null");
        } else {
          ctx.checkCel(at, h.getValue());
          b.addHeaders(
              HeaderExpression.newBuilder().setName(h.getKey()).setExpression(h.getValue()));
        }
      }
    }
    return b.build();
  }

  /**
   * A delay: a duration written with units is fixed; anything else is a CEL expression (a duration,
   * or a number of milliseconds), as agentgateway reads the field.
   */
  Delay delay(String path, DelayYaml yaml) {
    Delay.Builder b = Delay.newBuilder();
    String text = yaml.duration();
    if (!ctx.require(path + ".duration", text)) {
      return b.build();
    }
    if (GO_DURATION.matcher(text.trim()).matches()) {
      try {
        b.setFixed(Durations.parse(text));
      } catch (IllegalArgumentException e) {
        ctx.error(path + ".duration", e.getMessage());
      }
    } else {
      ctx.checkCel(path + ".duration", text);
      b.setExpression(text);
    }
    return b.build();
  }

  RequestMirror requestMirror(String path, RequestMirrorYaml yaml) {
    RequestMirror.Builder b = RequestMirror.newBuilder();
    if (ctx.require(path + ".backend", yaml.backend())) {
      if (yaml.backend().host() == null) {
        ctx.errorUnlessReported(path + ".backend", "set host (an address host:port)");
      } else {
        try {
          HostPort hp = HostPort.parse(yaml.backend().host());
          b.setHost(hp.host()).setPort(hp.port());
        } catch (IllegalArgumentException e) {
          ctx.error(path + ".backend.host", e.getMessage());
        }
      }
    }
    if (ctx.require(path + ".percentage", yaml.percentage())) {
      double p = yaml.percentage().value();
      if (!(p >= 0.0 && p <= 1.0)) {
        ctx.error(path + ".percentage", "a fraction from 0.0 to 1.0, not " + p);
      } else {
        b.setPercentage(p);
      }
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
