package io.agw.gateway.llm.guard;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The response guards of one streamed answer when any of them is remote: a remote guard judges
 * whole texts, so the client stream is held until the upstream ends. Then a first pass collects
 * each text of the answer (a choice's content, a content block, a Responses output text), all texts
 * pass the response guards in order as a non-streamed answer's would (tool call arguments too, for
 * guards whose scope has them), and a second pass sends the stream with every text delta emptied
 * and each text sent whole, guarded, in one delta just before the text ends; or, on a rejection,
 * only the rejection's error event. Not thread-safe: one per stream.
 */
final class WholeTextStream implements AnswerStreamGuard {

  private final ClientApi api;
  private final PromptGuards guards;
  private final GuardContext context;

  WholeTextStream(ClientApi api, PromptGuards guards, GuardContext context) {
    this.api = api;
    this.guards = guards;
    this.context = context;
  }

  @Override
  public Flux<String> guard(Flux<String> translated) {
    return translated
        .collect(StringBuilder::new, StringBuilder::append)
        .flatMap(whole -> send(whole.toString()))
        .flux();
  }

  private Mono<String> send(String stream) {
    StreamGuard collecting = StreamGuard.collecting(api);
    collecting.onText(stream);
    collecting.onEnd();
    Map<String, String> collected = collecting.collected();
    List<String> keys = new ArrayList<>(collected.keySet());
    List<PromptGuards.AnswerText> texts = new ArrayList<>();
    collected.forEach(
        (key, text) -> texts.add(new PromptGuards.AnswerText(StreamGuard.scopeOf(key), text)));
    return guards
        .onAnswerTexts(texts, context)
        .map(
            guarded -> {
              if (guarded.rejection() != null) {
                return guarded
                    .rejection()
                    .streamEvent(api == ClientApi.MESSAGES ? Dialect.ANTHROPIC : Dialect.OPENAI);
              }
              Map<String, String> replacements = new LinkedHashMap<>();
              for (int i = 0; i < keys.size(); i++) {
                replacements.put(keys.get(i), guarded.texts().get(i).text());
              }
              StreamGuard replacing = StreamGuard.replacing(api, replacements);
              return replacing.onText(stream) + replacing.onEnd();
            });
  }
}
