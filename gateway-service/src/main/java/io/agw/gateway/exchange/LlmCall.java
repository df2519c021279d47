package io.agw.gateway.exchange;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one LLM request did, for metrics and the access log: the API, provider and models, the token
 * usage and the time to the first streamed output. Stored as an exchange attribute; written by the
 * request's own filter and decorator, which run one after the other, and read once the exchange
 * ends.
 */
public final class LlmCall implements LlmFacts, UsageSink {

  /** The exchange attribute holding the call. */
  public static final String ATTRIBUTE = LlmCall.class.getName();

  private final io.agw.gateway.exchange.ClientApi api;
  private final long startNanos;
  private volatile String provider = "";
  private volatile String requestModel = "";
  private volatile String responseModel;
  private volatile boolean stream;
  private volatile TokenUsage usage = TokenUsage.NONE;
  private volatile long firstOutputNanos = -1;
  private volatile String error;
  private volatile long estimatedInputTokens = -1;
  private volatile Cost cost;
  private final AtomicLong streamedOutputTokens = new AtomicLong();
  private volatile CallPricer pricer;
  private volatile Priced priced;
  private final List<Runnable> onEnd = new CopyOnWriteArrayList<>();
  private volatile String traceId;
  private volatile boolean capturesContent;
  private volatile String prompt;
  private final StringBuilder completion = new StringBuilder();

  public LlmCall(io.agw.gateway.exchange.ClientApi api, long startNanos) {
    this.api = api;
    this.startNanos = startNanos;
  }

  public io.agw.gateway.exchange.ClientApi api() {
    return api;
  }

  @Override
  public boolean modelListing() {
    return api == io.agw.gateway.exchange.ClientApi.MODELS;
  }

  public long startNanos() {
    return startNanos;
  }

  @Override
  public String provider() {
    return provider;
  }

  public void provider(String provider) {
    this.provider = provider;
  }

  @Override
  public String requestModel() {
    return requestModel;
  }

  public void requestModel(String model) {
    this.requestModel = model == null ? "" : model;
  }

  /** The model the upstream reported, else the model the gateway asked for. */
  @Override
  public String responseModel() {
    if (usage.providerModel() != null) {
      return usage.providerModel();
    }
    return responseModel == null ? requestModel : responseModel;
  }

  public void upstreamModel(String model) {
    this.responseModel = model;
  }

  public boolean stream() {
    return stream;
  }

  public void stream(boolean stream) {
    this.stream = stream;
  }

  @Override
  public TokenUsage usage() {
    return usage;
  }

  @Override
  public void usage(TokenUsage usage) {
    if (usage != null) {
      this.usage = usage;
    }
  }

  /** Marks the first streamed output; later calls do nothing. */
  public void firstOutput(long nanos) {
    if (firstOutputNanos < 0) {
      firstOutputNanos = nanos;
    }
  }

  /** Nanoseconds from the request to the first streamed output, or -1. */
  public long timeToFirstTokenNanos() {
    return firstOutputNanos < 0 ? -1 : firstOutputNanos - startNanos;
  }

  @Override
  public LlmFacts.ClientApi clientApi() {
    return api.dialect() == Dialect.ANTHROPIC
        ? LlmFacts.ClientApi.ANTHROPIC
        : LlmFacts.ClientApi.OPENAI;
  }

  @Override
  public boolean streaming() {
    return stream;
  }

  @Override
  public OptionalLong estimatedInputTokens() {
    long estimate = estimatedInputTokens;
    return estimate < 0 ? OptionalLong.empty() : OptionalLong.of(estimate);
  }

  /** The prompt's estimated size in tokens, charged to token limits before the call. */
  public void estimatedInputTokens(long tokens) {
    this.estimatedInputTokens = tokens;
  }

  /**
   * The call's cost: the one set with {@link #cost(Cost)}, else priced by the {@link #pricer} from
   * what is known now (the provider's usage once reported, else the gateway's estimate), so it is
   * final once the response has been written; null while unknown or when the model is unpriced.
   */
  @Override
  public Cost cost() {
    Cost set = cost;
    if (set != null) {
      return set;
    }
    PricedCall p = priced();
    return p == null ? null : p.cost();
  }

  /** Sets the cost, overriding the pricer's. */
  public void cost(Cost cost) {
    this.cost = cost;
  }

  /** The catalog rates the call is priced at (after tier choice); null when unpriced. */
  @Override
  public CostRates costRates() {
    PricedCall p = priced();
    return p == null ? null : p.rates();
  }

  /** Sets what prices the call (the model catalog of the state the request started on). */
  public void pricer(CallPricer pricer) {
    this.pricer = pricer;
  }

  /**
   * The gateway's running estimate of the output tokens streamed to the client so far (text,
   * reasoning and tool-call deltas as they pass), for an estimated cost when a stream ends without
   * a usage report and for budgets that end a stream once it outgrows its reservation.
   */
  @Override
  public long streamedOutputTokens() {
    return streamedOutputTokens.get();
  }

  /** Adds {@code tokens} to {@link #streamedOutputTokens()}; returns the new total. */
  public long addStreamedOutputTokens(long tokens) {
    return streamedOutputTokens.addAndGet(tokens);
  }

  /** The pricer's answer for the current usage and estimate, computed once per change. */
  private PricedCall priced() {
    CallPricer p = pricer;
    if (p == null) {
      return null;
    }
    TokenUsage u = usage;
    long streamed = streamedOutputTokens.get();
    Priced known = priced;
    if (known != null && known.usage == u && known.streamed == streamed) {
      return known.result;
    }
    PricedCall result = p.price(this);
    priced = new Priced(u, streamed, result);
    return result;
  }

  private record Priced(TokenUsage usage, long streamed, PricedCall result) {}

  public String error() {
    return error;
  }

  public void error(String error) {
    this.error = error;
  }

  /** The W3C trace id of the request, once known; null without tracing. */
  public String traceId() {
    return traceId;
  }

  public void traceId(String traceId) {
    this.traceId = traceId;
  }

  /** Keeps the prompt and the completion of this call from now on (the usage store's "full"). */
  public void captureContent() {
    this.capturesContent = true;
  }

  /** Whether this call keeps its prompt and completion; false unless asked for. */
  public boolean capturesContent() {
    return capturesContent;
  }

  /** The client's request body, when captured; null otherwise. */
  public String prompt() {
    return prompt;
  }

  public void prompt(String prompt) {
    if (capturesContent) {
      this.prompt = prompt;
    }
  }

  /** The answer as the client received it (a JSON body, or the SSE text), when captured. */
  public String completion() {
    synchronized (completion) {
      return capturesContent ? completion.toString() : null;
    }
  }

  /** Adds a piece of the answer the client received; ignored unless content is captured. */
  public void appendCompletion(String text) {
    if (capturesContent) {
      synchronized (completion) {
        completion.append(text);
      }
    }
  }

  /** Runs {@code action} once the response has been written or abandoned (see {@link #ended}). */
  public void onEnd(Runnable action) {
    onEnd.add(action);
  }

  /** The exchange is over: runs the {@link #onEnd} actions, each once. */
  public void ended() {
    for (Runnable action : onEnd) {
      onEnd.remove(action);
      action.run();
    }
  }
}
