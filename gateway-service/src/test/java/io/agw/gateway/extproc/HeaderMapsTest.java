package io.agw.gateway.extproc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.BoolValue;
import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption.HeaderAppendAction;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** Header mutations as agentgateway applies them: removals first, then Envoy's append actions. */
class HeaderMapsTest {

  static HeaderValueOption option(String name, String value, HeaderAppendAction action) {
    return HeaderValueOption.newBuilder()
        .setHeader(
            HeaderValue.newBuilder().setKey(name).setRawValue(ByteString.copyFromUtf8(value)))
        .setAppendAction(action)
        .build();
  }

  @Test
  void removesThenSetsWithEachAppendAction() {
    HttpHeaders headers = new HttpHeaders();
    headers.add("x-gone", "1");
    headers.add("x-append", "a");
    headers.add("x-over", "old");
    headers.add("x-keep", "kept");
    HeaderMutation mutation =
        HeaderMutation.newBuilder()
            .addRemoveHeaders("x-gone")
            .addRemoveHeaders("host")
            .addSetHeaders(option("x-append", "b", HeaderAppendAction.APPEND_IF_EXISTS_OR_ADD))
            .addSetHeaders(option("x-over", "new", HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD))
            .addSetHeaders(option("x-keep", "ignored", HeaderAppendAction.ADD_IF_ABSENT))
            .addSetHeaders(option("x-absent", "ignored", HeaderAppendAction.OVERWRITE_IF_EXISTS))
            .build();
    headers.add("host", "example.test");

    HeaderMaps.apply(mutation, headers, HeaderMaps.PseudoHeaders.IGNORE);

    assertThat(headers.get("x-gone")).isNull();
    assertThat(headers.get("host")).containsExactly("example.test");
    // APPEND_IF_EXISTS_OR_ADD is the field's zero value, so (as agentgateway reads it) it cannot be
    // told from "unset": the deprecated append flag decides, and without it the value overwrites.
    assertThat(headers.get("x-append")).containsExactly("b");
    assertThat(headers.get("x-over")).containsExactly("new");
    assertThat(headers.get("x-keep")).containsExactly("kept");
    assertThat(headers.get("x-absent")).isNull();
  }

  @Test
  void withoutAnActionTheDeprecatedAppendFlagDecidesAndPseudoHeadersGoAside() {
    HttpHeaders headers = new HttpHeaders();
    headers.add("x-a", "1");
    headers.add("x-b", "1");
    Map<String, String> pseudo = new HashMap<>();
    HeaderMutation mutation =
        HeaderMutation.newBuilder()
            .addSetHeaders(
                HeaderValueOption.newBuilder()
                    .setHeader(HeaderValue.newBuilder().setKey("x-a").setValue("2"))
                    .setAppend(BoolValue.of(true)))
            .addSetHeaders(
                HeaderValueOption.newBuilder()
                    .setHeader(HeaderValue.newBuilder().setKey("x-b").setValue("2")))
            .addSetHeaders(
                HeaderValueOption.newBuilder()
                    .setHeader(HeaderValue.newBuilder().setKey(":path").setValue("/new?x=1")))
            .build();

    HeaderMaps.apply(mutation, headers, pseudo::put);

    assertThat(headers.get("x-a")).containsExactly("1", "2");
    assertThat(headers.get("x-b")).containsExactly("2");
    assertThat(headers.get(":path")).isNull();
    assertThat(pseudo).containsEntry(":path", "/new?x=1");
  }

  @Test
  void headersGoOutAsRawValuesAndPseudoHeadersAsValues() {
    HttpHeaders headers = new HttpHeaders();
    headers.add("X-Multi", "1");
    headers.add("X-Multi", "2");
    var map = HeaderMaps.of(headers, Map.of(":status", "201"));
    assertThat(map.getHeadersList())
        .extracting(h -> h.getKey() + "=" + h.getRawValue().toStringUtf8() + "|" + h.getValue())
        .containsExactly("x-multi=1|", "x-multi=2|", ":status=|201");
  }
}
