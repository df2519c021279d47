package io.agw.gateway.llm.guard;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.GuardDecisions;
import io.agw.gateway.guard.regex.RegexGuard;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.model.resource.v1.AiPolicy;
import io.agw.model.resource.v1.BuiltinPattern;
import io.agw.model.resource.v1.PromptGuard;
import io.agw.model.resource.v1.RegexGuardRule;
import io.agw.model.resource.v1.RequestGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.node.ObjectNode;

/**
 * Regex prompt guards with all five built-ins on: one kilobyte of prompt through a mask guard and a
 * reject guard ({@link RegexGuard}), the request guards of a route over a chat completion body with
 * that kilobyte as its user message ({@link PromptGuards#onRequest}, the body copied per operation
 * as the request filter's parse would give a fresh one), and the stream hold-back ({@link
 * StreamGuard}) per event of a streamed chat answer of the same kilobyte in 5-character deltas.
 * {@code text}: {@code clean} has no match (the common case: everything is released at once),
 * {@code pii} has one match of each built-in.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PromptGuardBenchmark {

  /** Deltas of the streamed answer: 1 KB in 5-character pieces, then the finish chunk and DONE. */
  private static final int DELTAS = 205;

  private static final int EVENTS = DELTAS + 2;

  @Param({"clean", "pii"})
  public String text;

  private String kilobyte;
  private RegexGuard mask;
  private RegexGuard reject;
  private PromptGuards guards;
  private GuardContext context;
  private ObjectNode body;
  private List<String> chunks;

  @Setup
  public void setUp() {
    String sentence =
        text.equals("pii")
            ? "Reach John at john.doe@example.com or (555) 123-4567; SSN 123-45-6789, card 4111"
                + " 1111 1111 1111, SIN 046 454 286. "
            : "The quarterly report lists 42 open items across 7 teams; version 3.2.1 ships on"
                + " 2024-06-01 after review. ";
    StringBuilder b = new StringBuilder();
    while (b.length() < 1024) {
      b.append(sentence);
    }
    kilobyte = b.substring(0, 1024);
    var rules = io.agw.model.resource.v1.RegexGuard.newBuilder();
    for (BuiltinPattern p :
        List.of(
            BuiltinPattern.BUILTIN_SSN,
            BuiltinPattern.BUILTIN_CREDIT_CARD,
            BuiltinPattern.BUILTIN_PHONE_NUMBER,
            BuiltinPattern.BUILTIN_EMAIL,
            BuiltinPattern.BUILTIN_CA_SIN)) {
      rules.addRules(RegexGuardRule.newBuilder().setBuiltin(p));
    }
    mask = RegexGuard.of(rules.build());
    reject = RegexGuard.of(rules.setReject(true).build());
    AiPolicy policy =
        AiPolicy.newBuilder()
            .setPromptGuard(
                PromptGuard.newBuilder()
                    .addRequest(RequestGuard.newBuilder().setRegex(rules.setReject(false))))
            .build();
    guards = PromptGuards.of(policy, null);
    context =
        new GuardContext(
            MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions")), null);
    body = WireJson.nodes().objectNode().put("model", "gpt-4o");
    body.withArray("messages")
        .addObject()
        .put("role", "system")
        .put("content", "You are a helpful assistant.");
    body.withArray("messages").addObject().put("role", "user").put("content", kilobyte);
    chunks = new ArrayList<>();
    for (int i = 0; i < DELTAS; i++) {
      String piece = kilobyte.substring(Math.min(i * 5, 1024), Math.min(i * 5 + 5, 1024));
      chunks.add(
          "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
              + "\"delta\":{\"content\":"
              + WireJson.write(piece)
              + "},\"finish_reason\":null}]}\n\n");
    }
    chunks.add(
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
            + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
    chunks.add("data: [DONE]\n\n");
  }

  @Benchmark
  public String maskKilobyte() {
    return mask.mask(kilobyte);
  }

  @Benchmark
  public boolean rejectKilobyte() {
    return reject.matches(kilobyte);
  }

  @Benchmark
  public Object requestGuardsOnChatBody() {
    // One exchange per request: its decisions start empty.
    context.exchange().getAttributes().remove(GuardDecisions.ATTRIBUTE);
    return guards.onRequest(body.deepCopy(), ClientApi.COMPLETIONS, context).block();
  }

  /** The same body copy alone, to subtract from {@link #requestGuardsOnChatBody}. */
  @Benchmark
  public Object chatBodyCopyOnly() {
    return body.deepCopy();
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void streamHoldBackPerEvent(Blackhole bh) {
    StreamGuard guard = new StreamGuard(ClientApi.COMPLETIONS, List.of(mask), List.of());
    for (String chunk : chunks) {
      bh.consume(guard.onText(chunk));
    }
    bh.consume(guard.onEnd());
  }
}
