package io.agw.gateway.usage;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.CostRates;
import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.exchange.PricedCall;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.DeltaText;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import io.agw.gateway.usage.cost.CallCosts;
import io.agw.gateway.usage.cost.ModelCatalogs;
import io.agw.gateway.usage.cost.PriceTable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What cost adds to one LLM call, with the built-in catalog: a price lookup by exact id and by a
 * normalised one (a Bedrock cross-region profile, remembered after the first lookup), pricing a
 * call's usage (lookup, tier, cache and reasoning split), and the running output-token estimate of
 * one streamed delta: counting its characters (what the gateway does) against tokenizing it with
 * jtokkit (the alternative it avoids).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CostBenchmark {

  private static final String CHUNK =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
          + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
          + "\" there anything I can help you with today?\"},\"finish_reason\":null}]}";

  private PriceTable table;
  private CallCosts costs;
  private LlmCall call;
  private ChatCompletionChunk chunk;
  private Encoding encoding;

  @Setup
  public void load() {
    ModelCatalogs catalogs = new ModelCatalogs(ModelCatalogs.readBuiltIn());
    table = catalogs.table();
    costs = new CallCosts(() -> catalogs);
    call = new LlmCall(ClientApi.MESSAGES, 0);
    call.provider("anthropic");
    call.requestModel("claude-sonnet-4-5");
    call.usage(
        new TokenUsage(1_200L, 350L, 1_550L, 30_000L, 2_000L, null, null, "claude-sonnet-4-5"));
    chunk = WireJson.read(CHUNK, ChatCompletionChunk.class);
    encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  }

  @Benchmark
  public CostRates lookupExact() {
    return table.rates("openai", "gpt-4o", 1_000);
  }

  @Benchmark
  public CostRates lookupNormalised() {
    return table.rates("aws.bedrock", "us.anthropic.claude-sonnet-4-20250514-v1:0", 1_000);
  }

  @Benchmark
  public PricedCall priceCall() {
    return costs.price(call);
  }

  @Benchmark
  public long deltaEstimateChars() {
    return (DeltaText.of(chunk) + 3) / 4;
  }

  @Benchmark
  public int deltaEstimateJtokkit() {
    return encoding.countTokens(chunk.choices().get(0).delta().content());
  }
}
