package io.agw.gateway.ratelimit;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;

/**
 * Estimates a prompt's size in tokens with jtokkit, for rate limits that charge an estimate before
 * the call: {@code o200k_base} for the GPT-4o, GPT-4.1, GPT-5 and o-series families, {@code
 * cl100k_base} for everything else (a close enough estimate for other providers' tokenizers). The
 * LLM runtime calls it when the route asks for tokenization. Thread-safe.
 */
public final class PromptTokens {

  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

  private PromptTokens() {}

  /** The estimated number of tokens of {@code text} for {@code model}. */
  public static long estimate(String model, String text) {
    return encoding(model).countTokensOrdinary(text);
  }

  static Encoding encoding(String model) {
    String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
    boolean o200k =
        m.startsWith("gpt-4o")
            || m.startsWith("gpt-4.1")
            || m.startsWith("gpt-5")
            || m.startsWith("o1")
            || m.startsWith("o3")
            || m.startsWith("o4");
    return REGISTRY.getEncoding(o200k ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE);
  }
}
