package io.agw.gateway.json;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The limits on JSON a client (or an upstream) sends the gateway, for every mapper that reads such
 * bodies: LLM requests and responses, MCP JSON-RPC messages, A2A calls and CEL's {@code json()}.
 * Text beyond them fails to parse like any invalid JSON (a 400 in the client's format), before any
 * code of the gateway walks it.
 *
 * <ul>
 *   <li>nesting: {@value #MAX_NESTING_DEPTH} levels (Jackson's default is 500); real requests, JSON
 *       schemas of tools included, stay far below it, and recursive walks stay shallow;
 *   <li>numbers: {@value #MAX_NUMBER_LENGTH} characters (Jackson's default is 1000); no API field
 *       needs more, and parsing huge numbers costs CPU;
 *   <li>strings: {@value #MAX_STRING_LENGTH} characters, the largest LLM body the gateway reads
 *       (Jackson's default is 100 million).
 * </ul>
 */
public final class ClientJson {

  public static final int MAX_NESTING_DEPTH = 200;
  public static final int MAX_NUMBER_LENGTH = 100;
  public static final int MAX_STRING_LENGTH = 32 * 1024 * 1024;

  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING_DEPTH)
          .maxNumberLength(MAX_NUMBER_LENGTH)
          .maxStringLength(MAX_STRING_LENGTH)
          .build();

  private ClientJson() {}

  /** A mapper builder whose parser enforces the limits. */
  public static JsonMapper.Builder builder() {
    return JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build());
  }
}
