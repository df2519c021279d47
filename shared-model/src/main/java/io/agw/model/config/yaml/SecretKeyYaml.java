package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code key} of {@code backendAuth}: a secret written directly, or {@code {value: secret,
 * location?}}. Exactly one of {@code direct} and {@code value} is set by the two forms; {@code
 * location} (where the key goes) is supported for custom AI providers only.
 */
public record SecretKeyYaml(SecretYaml direct, SecretYaml value, AuthLocationYaml location) {

  /** The mapping forms: {@code {file: path}} directly, or {@code {value: ..., location: ...}}. */
  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public static SecretKeyYaml of(
      @JsonProperty("file") String file,
      @JsonProperty("value") SecretYaml value,
      @JsonProperty("location") AuthLocationYaml location) {
    return new SecretKeyYaml(file == null ? null : new SecretYaml(null, file), value, location);
  }

  /** The string form. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static SecretKeyYaml inline(String text) {
    return new SecretKeyYaml(new SecretYaml(text, null), null, null);
  }

  /** The same key without its location. */
  public SecretKeyYaml withoutLocation() {
    return new SecretKeyYaml(direct, value, null);
  }

  /** The secret, whichever form was used; null when neither was. */
  public SecretYaml secret() {
    return value != null ? value : direct;
  }
}
