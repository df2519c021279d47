package io.agw.gateway.llm.guard;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.cel.CelValues;
import io.agw.gateway.route.ValueCondition;
import io.agw.model.resource.v1.HeaderExpression;
import io.agw.model.resource.v1.HeaderMatch;
import io.agw.model.resource.v1.WebhookGuard;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * A guard that asks a guardrail webhook (agentgateway's {@code webhook} kind): {@code POST
 * /request} with the prompt's texts or {@code POST /response} with the answer's, per {@link
 * WebhookWire}. The client's headers matching {@code forwardHeaderMatches} are forwarded, then the
 * {@code headers} expressions (compiled once, evaluated against the client's request, {@code jwt.*}
 * and, for prompts, {@code llmRequest}) set headers or the {@code :path}, {@code :method} and
 * {@code :authority} of the call. A status other than 2xx, an answer outside the contract or a
 * connection failure fails the call. Immutable and thread-safe.
 */
public final class Webhook implements RemoteGuard {

  /** A header expression: the header (or pseudo-header) it sets, and the compiled expression. */
  private record Header(String name, CelExpression expression) {}

  private final HttpClient client;
  private final String origin;
  private final String authority;
  private final List<Header> headers;
  private final List<ValueCondition> forward;
  private final boolean failOpen;

  private Webhook(
      HttpClient client,
      String origin,
      String authority,
      List<Header> headers,
      List<ValueCondition> forward,
      boolean failOpen) {
    this.client = client;
    this.origin = origin;
    this.authority = authority;
    this.headers = headers;
    this.forward = forward;
    this.failOpen = failOpen;
  }

  /** Builds the guard of a configured webhook; a bad expression throws. */
  static Webhook of(WebhookGuard config, GuardServices services) {
    String host = config.getHost().contains(":") ? "[" + config.getHost() + "]" : config.getHost();
    String authority = host + ":" + config.getPort();
    List<Header> headers = new ArrayList<>();
    for (HeaderExpression h : config.getHeadersList()) {
      headers.add(new Header(h.getName(), services.cel().compile(h.getExpression())));
    }
    List<ValueCondition> forward = new ArrayList<>();
    for (HeaderMatch m : config.getForwardHeaderMatchesList()) {
      forward.add(ValueCondition.of(m.getName(), m.getValue()));
    }
    return new Webhook(
        services.clients().plain(),
        "http://" + authority,
        authority,
        List.copyOf(headers),
        List.copyOf(forward),
        config.getFailOpen());
  }

  @Override
  public String kind() {
    return "webhook";
  }

  @Override
  public boolean failOpen() {
    return failOpen;
  }

  @Override
  public Mono<Verdict> check(GuardPhase phase, List<GuardText> texts, GuardContext context) {
    byte[] body = WebhookWire.request(phase, texts);
    Call call = call(phase, context);
    return client
        .headers(h -> h.set(call.headers()))
        .request(call.method())
        .uri(origin + call.path())
        .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
        .responseSingle(
            (response, content) -> {
              int status = response.status().code();
              if (status < 200 || status > 299) {
                return Mono.error(
                    new IllegalStateException("the webhook answered with status " + status));
              }
              return content.asByteArray().defaultIfEmpty(new byte[0]);
            })
        .map(answer -> unchangedAsPass(WebhookWire.verdict(phase, answer), texts));
  }

  /** A mask that changes nothing is a pass, so the decision says what happened to the content. */
  private static Verdict unchangedAsPass(Verdict verdict, List<GuardText> texts) {
    if (verdict instanceof Verdict.Mask mask && mask.texts().size() == texts.size()) {
      for (int i = 0; i < texts.size(); i++) {
        if (!mask.texts().get(i).equals(texts.get(i).text())) {
          return verdict;
        }
      }
      return Verdict.PASS;
    }
    return verdict;
  }

  /** The method, path and headers of one call. */
  private record Call(HttpMethod method, String path, HttpHeaders headers) {}

  private Call call(GuardPhase phase, GuardContext context) {
    HttpHeaders out = new io.netty.handler.codec.http.DefaultHttpHeaders();
    ServerHttpRequest client = context.exchange().getRequest();
    for (ValueCondition match : forward) {
      List<String> values = client.getHeaders().get(match.name());
      if (match.test(values)) {
        values.forEach(v -> out.add(match.name(), v));
      }
    }
    out.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    out.set(HttpHeaderNames.HOST, authority);
    HttpMethod method = HttpMethod.POST;
    String path = WebhookWire.path(phase);
    if (!headers.isEmpty()) {
      CelContext cel = CelContext.request(context.exchange(), null);
      if (phase == GuardPhase.REQUEST && context.llmRequest() != null) {
        // Read when the guard runs, so it shows the masks of the guards before it.
        cel.llmRequest(CelValues.fromJson(context.llmRequest()));
      }
      for (Header h : headers) {
        Optional<String> value = h.expression().string(cel);
        switch (h.name()) {
          case ":path" -> {
            if (value.isPresent() && value.get().startsWith("/")) {
              path = value.get();
            }
          }
          case ":method" -> {
            if (value.isPresent() && value.get().matches("[A-Za-z]+")) {
              method = HttpMethod.valueOf(value.get().toUpperCase(java.util.Locale.ROOT));
            }
          }
          case ":authority" -> value.ifPresent(v -> out.set(HttpHeaderNames.HOST, v));
          default -> {
            // As agentgateway: an expression without a value removes the header.
            if (value.isPresent()) {
              out.set(h.name(), value.get());
            } else {
              out.remove(h.name());
            }
          }
        }
      }
    }
    out.remove(HttpHeaderNames.CONTENT_LENGTH);
    out.remove(HttpHeaderNames.TRANSFER_ENCODING);
    return new Call(method, path, out);
  }
}
