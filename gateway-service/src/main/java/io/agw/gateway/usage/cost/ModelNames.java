package io.agw.gateway.usage.cost;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names under which a catalog may list a model a provider reported, in the order they are tried
 * after the exact id. Each rule removes one decoration a provider adds to a catalog name:
 *
 * <ol>
 *   <li>a path: {@code models/gemini-2.5-pro}, {@code publishers/google/models/...}, a Bedrock ARN
 *       ({@code arn:aws:bedrock:...:inference-profile/us.anthropic...}): the last segment;
 *   <li>a Bedrock cross-region inference prefix ({@code us.}, {@code eu.}, {@code apac.}, {@code
 *       global.}, {@code us-gov.}, {@code jp.}, {@code au.}, {@code ca.}): {@code
 *       us.anthropic.claude-sonnet-4-20250514-v1:0} is tried as {@code
 *       anthropic.claude-sonnet-4-20250514-v1:0};
 *   <li>a Bedrock version suffix ({@code :0}) and then a {@code -v1} model version;
 *   <li>a Bedrock vendor prefix ({@code anthropic.}, {@code amazon.}, {@code meta.}, ...): so
 *       {@code claude-sonnet-4-20250514} is tried next;
 *   <li>a Vertex version ({@code claude-sonnet-4@20250514}: {@code claude-sonnet-4});
 *   <li>a date stamp: OpenAI's {@code -2024-08-06}, Anthropic's {@code -20250514}, a {@code
 *       -latest} alias, Gemini's {@code -001}, OpenAI's older {@code -0613}.
 * </ol>
 *
 * Stateless; thread-safe.
 */
public final class ModelNames {

  private static final Pattern REGION =
      Pattern.compile("^(us|eu|apac|global|us-gov|jp|au|ca)\\.(?=[a-z0-9-]+\\.)");
  private static final Pattern BEDROCK_REVISION = Pattern.compile(":\\d+$");
  private static final Pattern BEDROCK_VERSION = Pattern.compile("-v\\d+$");
  private static final Pattern VENDOR =
      Pattern.compile(
          "^(anthropic|amazon|meta|mistral|cohere|ai21|deepseek|openai|qwen|writer)\\.");
  private static final Pattern DATE =
      Pattern.compile("(-\\d{4}-\\d{2}-\\d{2}|-\\d{8}|-latest|-\\d{3,4})$");

  private ModelNames() {}

  /** The forms to try after the exact id, most specific first; never contains the id itself. */
  public static List<String> candidates(String model) {
    Set<String> out = new LinkedHashSet<>();
    String name = model;
    int slash = name.lastIndexOf('/');
    if (slash >= 0 && slash < name.length() - 1) {
      name = name.substring(slash + 1);
      out.add(name);
    }
    name = strip(REGION, name, out);
    name = strip(BEDROCK_REVISION, name, out);
    name = strip(BEDROCK_VERSION, name, out);
    name = strip(VENDOR, name, out);
    int at = name.indexOf('@');
    if (at > 0) {
      name = name.substring(0, at);
      out.add(name);
    }
    name = strip(DATE, name, out);
    // A Bedrock id keeps its date before the version: claude-3-5-sonnet-20241022-v2 -> dated.
    strip(BEDROCK_VERSION, name, out);
    out.remove(model);
    return new ArrayList<>(out);
  }

  private static String strip(Pattern pattern, String name, Set<String> out) {
    String stripped = pattern.matcher(name).replaceFirst("");
    if (!stripped.equals(name) && !stripped.isEmpty()) {
      out.add(stripped);
      return stripped;
    }
    return name;
  }
}
