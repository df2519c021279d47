package io.agw.gateway.a2a;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The result of {@link AgentCardRewriter}: either a rewritten card or the reason the card was left
 * alone. Callers switch over both cases; a {@link NotRewritten} card is passed through untouched
 * and the reason logged.
 */
public sealed interface CardRewrite {

  /**
   * A card whose interface URLs now point at the gateway.
   *
   * @param card a new tree; the input tree is never modified
   * @param changes the URLs that were rewritten, in document order
   * @param skipped interface URLs left as they were, with the reason (for a warning log)
   * @param signaturesStale whether the card carries {@code signatures}, which the rewrite has
   *     invalidated: they are kept as they were, and a client that verifies them will refuse the
   *     card unless the gateway re-signs it
   */
  record Rewritten(
      JsonNode card, List<UrlChange> changes, List<SkippedUrl> skipped, boolean signaturesStale)
      implements CardRewrite {

    public Rewritten {
      Objects.requireNonNull(card, "card");
      changes = List.copyOf(changes);
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * A card the rewriter did not change.
   *
   * @param reason why, for a log line; never contains the card itself
   */
  record NotRewritten(String reason) implements CardRewrite {

    public NotRewritten {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * One rewritten URL.
   *
   * @param pointer JSON pointer of the field, e.g. {@code /supportedInterfaces/0/url}
   * @param from the upstream URL
   * @param to the gateway URL
   * @param sameOrigin whether {@code from} named the upstream's own scheme, host and port (agents
   *     often advertise another name for themselves, such as {@code localhost} or a public host)
   */
  record UrlChange(String pointer, String from, String to, boolean sameOrigin) {}

  /**
   * One interface URL that was left as it was.
   *
   * @param pointer JSON pointer of the field
   * @param url the value, as found
   * @param reason why it was not rewritten
   */
  record SkippedUrl(String pointer, String url, String reason) {}
}
