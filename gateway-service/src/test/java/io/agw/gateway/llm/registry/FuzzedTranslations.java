package io.agw.gateway.llm.registry;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.provider.ProviderAdapter;
import io.agw.gateway.llm.provider.Translation;
import io.agw.model.resource.v1.AiProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Every translation the gateway has, in a fixed order, for the fuzz tests: each (client API x
 * provider dialect) pair, plus the Vertex envelopes (Gemini on Vertex and Anthropic on Vertex). A
 * fuzz input's first byte picks one ({@link #pick}).
 */
public final class FuzzedTranslations {

  /** A translation with a name for failure messages. */
  public record Named(String name, Translation translation) {}

  private static final ProviderAdapter VERTEX = ProviderKind.VERTEX.adapter();

  private static final List<Named> ALL = all();

  private FuzzedTranslations() {}

  /** The translation chosen by {@code selector} (taken modulo the number of translations). */
  public static Named pick(byte selector) {
    return ALL.get(Byte.toUnsignedInt(selector) % ALL.size());
  }

  /** The number of translations. */
  public static int count() {
    return ALL.size();
  }

  private static List<Named> all() {
    List<Named> all = new ArrayList<>();
    for (ClientApi api : ClientApi.values()) {
      for (Dialect dialect : Dialect.values()) {
        Translations.of(api, dialect).ifPresent(t -> all.add(new Named(api + "->" + dialect, t)));
      }
      // Vertex AI through its adapter: Gemini models, and Claude in Vertex's envelope.
      VERTEX
          .translation(AiProvider.getDefaultInstance(), api, "gemini-2.5-flash")
          .ifPresent(t -> all.add(new Named(api + "->VERTEX_GEMINI", t)));
      VERTEX
          .translation(AiProvider.getDefaultInstance(), api, "claude-sonnet-4-5")
          .ifPresent(t -> all.add(new Named(api + "->VERTEX_ANTHROPIC", t)));
    }
    return List.copyOf(all);
  }
}
