package io.agw.gateway.extproc;

import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * Headers to and from the processing service, as agentgateway sends and applies them: real headers
 * as {@code raw_value} bytes, pseudo-headers ({@code :method}, {@code :path}, {@code :authority},
 * {@code :scheme}, {@code :status}) as {@code value}; a mutation removes first, then sets, each set
 * following its {@code append_action} (unset with {@code append} unset or false: overwrite).
 * Stateless.
 */
final class HeaderMaps {

  private HeaderMaps() {}

  /** {@code headers}, then the pseudo-headers in {@code pseudo}. */
  static HeaderMap of(HttpHeaders headers, Map<String, String> pseudo) {
    HeaderMap.Builder map = HeaderMap.newBuilder();
    headers.forEach(
        (name, values) -> {
          for (String value : values) {
            map.addHeaders(
                HeaderValue.newBuilder()
                    .setKey(name.toLowerCase(java.util.Locale.ROOT))
                    .setRawValue(ByteString.copyFrom(value, StandardCharsets.UTF_8)));
          }
        });
    pseudo.forEach((k, v) -> map.addHeaders(HeaderValue.newBuilder().setKey(k).setValue(v)));
    return map.build();
  }

  /**
   * Applies the mutation's real headers to {@code headers}; pseudo-headers are left to {@code
   * pseudo} (called with the name and the value; a removal of a pseudo-header is ignored, as
   * agentgateway cannot remove one either).
   */
  static void apply(HeaderMutation mutation, HttpHeaders headers, PseudoHeaders pseudo) {
    for (String name : mutation.getRemoveHeadersList()) {
      if (!name.startsWith(":") && !name.equalsIgnoreCase("host")) {
        headers.remove(name);
      }
    }
    apply(mutation.getSetHeadersList(), headers, pseudo);
  }

  static void apply(List<HeaderValueOption> options, HttpHeaders headers, PseudoHeaders pseudo) {
    for (HeaderValueOption option : options) {
      if (!option.hasHeader() || option.getHeader().getKey().isEmpty()) {
        continue;
      }
      HeaderValue h = option.getHeader();
      String value = h.getRawValue().isEmpty() ? h.getValue() : h.getRawValue().toStringUtf8();
      String name = h.getKey();
      if (name.startsWith(":")) {
        pseudo.set(name, value);
        continue;
      }
      switch (action(option)) {
        case APPEND_IF_EXISTS_OR_ADD -> headers.add(name, value);
        case ADD_IF_ABSENT -> {
          if (!headers.containsHeader(name)) {
            headers.set(name, value);
          }
        }
        case OVERWRITE_IF_EXISTS -> {
          if (headers.containsHeader(name)) {
            headers.set(name, value);
          }
        }
        case OVERWRITE_IF_EXISTS_OR_ADD, UNRECOGNIZED -> headers.set(name, value);
      }
    }
  }

  private static HeaderValueOption.HeaderAppendAction action(HeaderValueOption option) {
    if (option.getAppendActionValue() == 0) {
      return option.hasAppend() && option.getAppend().getValue()
          ? HeaderValueOption.HeaderAppendAction.APPEND_IF_EXISTS_OR_ADD
          : HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD;
    }
    return option.getAppendAction();
  }

  /** Where a mutation of a pseudo-header goes (the request's method, path or authority). */
  @FunctionalInterface
  interface PseudoHeaders {
    PseudoHeaders IGNORE = (name, value) -> {};

    void set(String name, String value);
  }
}
