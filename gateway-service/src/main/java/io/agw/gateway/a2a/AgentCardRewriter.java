package io.agw.gateway.a2a;

import io.agw.gateway.a2a.CardRewrite.NotRewritten;
import io.agw.gateway.a2a.CardRewrite.Rewritten;
import io.agw.gateway.a2a.CardRewrite.SkippedUrl;
import io.agw.gateway.a2a.CardRewrite.UrlChange;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites the interface URLs of an A2A agent card so that a client calls the gateway instead of
 * the agent. Pure: no I/O, no exchange; the input tree is never modified.
 *
 * <p>Fields rewritten, for both card shapes and for hybrid cards that carry both:
 *
 * <ul>
 *   <li>A2A v0.3: the top-level {@code url} and every {@code additionalInterfaces[].url};
 *   <li>A2A v1.0: every {@code supportedInterfaces[].url}.
 * </ul>
 *
 * Every other field is kept as it was, in its original order: {@code provider.url}, {@code
 * documentationUrl}, {@code iconUrl} and OAuth endpoints name other services, not this agent, and
 * {@code signatures} is kept even though the rewrite invalidates it (see {@link
 * Rewritten#signaturesStale()}).
 *
 * <p>Mapping: a URL's raw path, taken relative to the upstream base path ({@link
 * UpstreamBase#basePath()}, which undoes the route's path rewrite), is appended to the public path
 * prefix; query and fragment are kept; scheme, host and port become the public ones. Relative URLs
 * are resolved against the upstream origin first.
 *
 * <p>Decision on URLs whose host is not the upstream's: they are rewritten too. The spec defines
 * every interface in a card as a way to reach the same agent, and agents routinely advertise a name
 * for themselves that differs from the one the gateway dials ({@code localhost}, a pod address, a
 * public name behind another proxy); leaving such a URL alone would hand the client a way around
 * the gateway, or a URL it cannot reach. {@link UrlChange#sameOrigin()} records which case applied.
 * URLs are skipped (left as they were, and listed in {@link Rewritten#skipped()}) only when the
 * gateway route cannot carry them: not http(s) (such as a gRPC {@code host:port}), not a valid URI,
 * or a path outside the upstream base path.
 *
 * <p>Never throws for bad input: a body that is not JSON, not an object, has none of the URL
 * fields, or no URL that could be rewritten yields {@link NotRewritten} with a reason, so the
 * caller can pass the body through and log a warning.
 *
 * <p>Thread-safe and stateless; one instance can serve all routes.
 */
public final class AgentCardRewriter {

  private static final String URL = "url";
  private static final String ADDITIONAL_INTERFACES = "additionalInterfaces";
  private static final String SUPPORTED_INTERFACES = "supportedInterfaces";
  private static final String SIGNATURES = "signatures";

  private final JsonMapper mapper =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  /**
   * Parses {@code body} and rewrites it; see {@link #rewrite(JsonNode, PublicAddress,
   * UpstreamBase)}.
   */
  public CardRewrite rewrite(byte[] body, PublicAddress address, UpstreamBase upstream) {
    if (body == null || body.length == 0) {
      return new NotRewritten("card body is empty");
    }
    JsonNode card;
    try {
      card = mapper.readTree(body);
    } catch (JacksonException e) {
      return new NotRewritten("card is not valid JSON: " + e.getOriginalMessage());
    }
    return rewrite(card, address, upstream);
  }

  /**
   * Rewrites the interface URLs of {@code card}.
   *
   * @param card the agent card as served by the upstream
   * @param address where the client reaches the route
   * @param upstream where the route forwards to
   * @return the rewritten copy, or why the card was left alone
   */
  public CardRewrite rewrite(JsonNode card, PublicAddress address, UpstreamBase upstream) {
    if (card == null || !card.isObject()) {
      return new NotRewritten("card is not a JSON object");
    }
    ObjectNode copy = (ObjectNode) card.deepCopy();
    List<UrlChange> changes = new ArrayList<>();
    List<SkippedUrl> skipped = new ArrayList<>();
    int found = 0;
    if (copy.has(URL)) {
      found++;
      rewriteField(copy, "", address, upstream, changes, skipped);
    }
    for (String list : List.of(ADDITIONAL_INTERFACES, SUPPORTED_INTERFACES)) {
      JsonNode interfaces = copy.path(list);
      for (int i = 0; interfaces.isArray() && i < interfaces.size(); i++) {
        if (interfaces.get(i).isObject() && interfaces.get(i).has(URL)) {
          found++;
          String pointer = "/" + list + "/" + i;
          rewriteField(
              (ObjectNode) interfaces.get(i), pointer, address, upstream, changes, skipped);
        }
      }
    }
    if (found == 0) {
      return new NotRewritten(
          "card has no url, additionalInterfaces[].url or supportedInterfaces[].url");
    }
    if (changes.isEmpty()) {
      return new NotRewritten(
          "no interface URL could be rewritten: "
              + skipped.stream()
                  .map(s -> s.pointer() + " " + s.reason())
                  .collect(Collectors.joining("; ")));
    }
    JsonNode signatures = copy.path(SIGNATURES);
    boolean stale = signatures.isArray() ? !signatures.isEmpty() : !signatures.isMissingNode();
    return new Rewritten(copy, changes, skipped, stale);
  }

  /** Serializes a (rewritten) card; never fails for a tree this class produced. */
  public byte[] toBytes(JsonNode card) {
    return mapper.writeValueAsBytes(card);
  }

  private static void rewriteField(
      ObjectNode holder,
      String holderPointer,
      PublicAddress address,
      UpstreamBase upstream,
      List<UrlChange> changes,
      List<SkippedUrl> skipped) {
    String pointer = holderPointer + "/" + URL;
    JsonNode value = holder.get(URL);
    if (!value.isString()) {
      skipped.add(new SkippedUrl(pointer, value.toString(), "not a string"));
      return;
    }
    String from = value.stringValue();
    URI uri;
    try {
      uri = new URI(from.trim());
    } catch (URISyntaxException e) {
      skipped.add(new SkippedUrl(pointer, from, "not a valid URI"));
      return;
    }
    if (!uri.isAbsolute()) {
      uri = rootOf(upstream.origin()).resolve(uri);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.isOpaque() || !(scheme.equals("http") || scheme.equals("https"))) {
      skipped.add(new SkippedUrl(pointer, from, "not an http(s) URL"));
      return;
    }
    if (uri.getHost() == null) {
      skipped.add(new SkippedUrl(pointer, from, "URL has no host"));
      return;
    }
    String relative = upstream.relativePath(uri.getRawPath());
    if (relative == null) {
      skipped.add(
          new SkippedUrl(
              pointer, from, "path is outside the upstream base path " + upstream.basePath()));
      return;
    }
    StringBuilder to = new StringBuilder(address.baseUrl()).append(relative);
    if (uri.getRawQuery() != null) {
      to.append('?').append(uri.getRawQuery());
    }
    if (uri.getRawFragment() != null) {
      to.append('#').append(uri.getRawFragment());
    }
    holder.put(URL, to.toString());
    changes.add(new UrlChange(pointer, from, to.toString(), upstream.sameOrigin(uri)));
  }

  private static URI rootOf(URI origin) {
    return URI.create(origin.getScheme() + "://" + origin.getRawAuthority() + "/");
  }
}
