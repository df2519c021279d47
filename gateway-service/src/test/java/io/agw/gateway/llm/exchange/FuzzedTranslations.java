package io.agw.gateway.llm.exchange;

import io.agw.gateway.llm.ClientApi;
import io.agw.gateway.llm.Dialect;
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
      GeminiTranslations.of(api, true)
          .ifPresent(t -> all.add(new Named(api + "->VERTEX_GEMINI", t)));
      Translations.of(api, Dialect.ANTHROPIC)
          .ifPresent(
              t ->
                  all.add(
                      new Named(api + "->VERTEX_ANTHROPIC", new VertexAnthropicTranslation(t))));
    }
    return List.copyOf(all);
  }
}
