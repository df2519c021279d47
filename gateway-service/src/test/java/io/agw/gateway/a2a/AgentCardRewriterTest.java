package io.agw.gateway.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.a2a.CardRewrite.NotRewritten;
import io.agw.gateway.a2a.CardRewrite.Rewritten;
import io.agw.gateway.a2a.CardRewrite.SkippedUrl;
import io.agw.gateway.a2a.CardRewrite.UrlChange;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AgentCardRewriterTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final PublicAddress GATEWAY =
      new PublicAddress("https", "gw.example.com", 443, "/agents/weather");
  private static final UpstreamBase UPSTREAM =
      UpstreamBase.of(URI.create("http://weather:9000"), "/agents/weather", "/");

  private final AgentCardRewriter rewriter = new AgentCardRewriter();

  @Test
  void rewritesV03UrlAndKeepsFieldOrder() {
    Rewritten result =
        rewritten("{\"name\":\"a\",\"url\":\"http://weather:9000/rpc?x=1\",\"version\":\"1\"}");

    assertThat(JSON.writeValueAsString(result.card()))
        .isEqualTo(
            "{\"name\":\"a\",\"url\":\"https://gw.example.com/agents/weather/rpc?x=1\","
                + "\"version\":\"1\"}");
    assertThat(result.changes())
        .containsExactly(
            new UrlChange(
                "/url",
                "http://weather:9000/rpc?x=1",
                "https://gw.example.com/agents/weather/rpc?x=1",
                true));
  }

  @Test
  void rewritesV10SupportedInterfaces() {
    Rewritten result =
        rewritten(
            "{\"supportedInterfaces\":[{\"url\":\"http://weather:9000/\",\"protocolBinding\":"
                + "\"JSONRPC\"},{\"url\":\"http://weather:9000/rest\",\"protocolBinding\":"
                + "\"HTTP+JSON\"}]}");

    assertThat(result.card().path("supportedInterfaces").findValuesAsString("url"))
        .containsExactly(
            "https://gw.example.com/agents/weather/", "https://gw.example.com/agents/weather/rest");
  }

  @Test
  void rewritesOtherHostsOfTheSameAgentAndSaysSo() {
    Rewritten result = rewritten("{\"url\":\"https://weather.public.example/v1\"}");

    assertThat(result.changes().get(0).to()).isEqualTo("https://gw.example.com/agents/weather/v1");
    assertThat(result.changes().get(0).sameOrigin()).isFalse();
  }

  @Test
  void defaultPortOnUpstreamCountsAsSameOrigin() {
    Rewritten result = rewritten("{\"url\":\"http://weather:9000\"}");
    assertThat(result.changes().get(0).to()).isEqualTo("https://gw.example.com/agents/weather");

    UpstreamBase plainHttp = UpstreamBase.of(URI.create("http://weather"), "/", null);
    CardRewrite other =
        rewriter.rewrite(tree("{\"url\":\"http://weather:80/a\"}"), GATEWAY, plainHttp);
    assertThat(((Rewritten) other).changes().get(0).sameOrigin()).isTrue();
  }

  @Test
  void undoesARewriteToANonRootPrefix() {
    UpstreamBase upstream =
        UpstreamBase.of(URI.create("http://weather:9000"), "/agents/weather", "/api/v2/");
    CardRewrite result =
        rewriter.rewrite(
            tree(
                "{\"url\":\"http://weather:9000/api/v2/rpc\","
                    + "\"additionalInterfaces\":[{\"url\":\"http://weather:9000/api/v2\"},"
                    + "{\"url\":\"http://weather:9000/api/v2x/rpc\"}]}"),
            GATEWAY,
            upstream);

    Rewritten rewritten = (Rewritten) result;
    assertThat(rewritten.card().path("url").stringValue())
        .isEqualTo("https://gw.example.com/agents/weather/rpc");
    assertThat(rewritten.card().path("additionalInterfaces").findValuesAsString("url"))
        .containsExactly(
            "https://gw.example.com/agents/weather", "http://weather:9000/api/v2x/rpc");
    assertThat(rewritten.skipped())
        .extracting(SkippedUrl::pointer)
        .containsExactly("/additionalInterfaces/1/url");
  }

  @Test
  void rendersIpv6AndNonDefaultPorts() {
    PublicAddress address = new PublicAddress("http", "fd00::1", 8080, "");
    CardRewrite result =
        rewriter.rewrite(tree("{\"url\":\"http://weather:9000/rpc\"}"), address, UPSTREAM);

    assertThat(((Rewritten) result).card().path("url").stringValue())
        .isEqualTo("http://[fd00::1]:8080/rpc");
  }

  @Test
  void keepsSignaturesAndFlagsThemStale() {
    Rewritten signed =
        rewritten("{\"url\":\"http://weather:9000/\",\"signatures\":[{\"signature\":\"x\"}]}");
    Rewritten unsigned = rewritten("{\"url\":\"http://weather:9000/\",\"signatures\":[]}");

    assertThat(signed.card().path("signatures").get(0).path("signature").stringValue())
        .isEqualTo("x");
    assertThat(signed.signaturesStale()).isTrue();
    assertThat(unsigned.card().has("signatures")).isTrue();
    assertThat(unsigned.signaturesStale()).isFalse();
  }

  @Test
  void doesNotModifyTheInputTree() {
    JsonNode card = tree("{\"url\":\"http://weather:9000/\"}");
    rewriter.rewrite(card, GATEWAY, UPSTREAM);
    assertThat(card.path("url").stringValue()).isEqualTo("http://weather:9000/");
  }

  @Test
  void leavesProviderDocumentationAndIconUrlsAlone() {
    Rewritten result =
        rewritten(
            "{\"url\":\"http://weather:9000/\",\"provider\":{\"url\":\"http://weather:9000/p\"},"
                + "\"documentationUrl\":\"http://weather:9000/d\","
                + "\"iconUrl\":\"http://weather:9000/i\"}");

    assertThat(result.card().path("provider").path("url").stringValue())
        .isEqualTo("http://weather:9000/p");
    assertThat(result.card().path("documentationUrl").stringValue())
        .isEqualTo("http://weather:9000/d");
    assertThat(result.card().path("iconUrl").stringValue()).isEqualTo("http://weather:9000/i");
  }

  @Test
  void rewritesBytesAndWritesThemBack() {
    byte[] body = "{\"url\":\"http://weather:9000/\",\"n\":1.50}".getBytes(StandardCharsets.UTF_8);
    CardRewrite result = rewriter.rewrite(body, GATEWAY, UPSTREAM);

    assertThat(new String(rewriter.toBytes(((Rewritten) result).card()), StandardCharsets.UTF_8))
        .isEqualTo("{\"url\":\"https://gw.example.com/agents/weather/\",\"n\":1.50}");
  }

  @Test
  void reportsInsteadOfThrowingForBadCards() {
    for (String body :
        List.of("", "not json", "[1,2]", "\"card\"", "{\"url\":1}", "{\"a\":1} trailing")) {
      CardRewrite result =
          rewriter.rewrite(body.getBytes(StandardCharsets.UTF_8), GATEWAY, UPSTREAM);
      assertThat(result).as(body).isInstanceOf(NotRewritten.class);
      assertThat(((NotRewritten) result).reason()).as(body).isNotBlank();
    }
    assertThat(rewriter.rewrite((byte[]) null, GATEWAY, UPSTREAM)).isInstanceOf(NotRewritten.class);
    assertThat(rewriter.rewrite((JsonNode) null, GATEWAY, UPSTREAM))
        .isInstanceOf(NotRewritten.class);
  }

  @Test
  void cardWithoutUrlFieldsIsNotRewritten() {
    CardRewrite result = rewriter.rewrite(tree("{\"name\":\"a\"}"), GATEWAY, UPSTREAM);
    assertThat(result)
        .isEqualTo(
            new NotRewritten(
                "card has no url, additionalInterfaces[].url or supportedInterfaces[].url"));
  }

  @Test
  void cardWhoseUrlsAllFailIsNotRewrittenAndSaysWhy() {
    CardRewrite result =
        rewriter.rewrite(
            tree("{\"supportedInterfaces\":[{\"url\":\"weather:9001\"},{\"url\":\"ht tp://x\"}]}"),
            GATEWAY,
            UPSTREAM);

    assertThat(((NotRewritten) result).reason())
        .contains("/supportedInterfaces/0/url not an http(s) URL")
        .contains("/supportedInterfaces/1/url not a valid URI");
  }

  private Rewritten rewritten(String card) {
    CardRewrite result = rewriter.rewrite(tree(card), GATEWAY, UPSTREAM);
    assertThat(result).isInstanceOf(Rewritten.class);
    return (Rewritten) result;
  }

  private static JsonNode tree(String json) {
    return JSON.readTree(json);
  }
}
