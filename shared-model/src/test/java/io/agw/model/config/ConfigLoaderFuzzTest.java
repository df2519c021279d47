package io.agw.model.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Fuzzes the YAML configuration loader: whatever the text, {@link ConfigLoader#load(String, Path)}
 * either returns a configuration or refuses it with a {@link ConfigException}; any other throwable
 * is a finding. The seed corpus is in {@code ConfigLoaderFuzzTestInputs/loadsOrRefuses}.
 */
class ConfigLoaderFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void loadsOrRefuses(byte[] input) {
    String yaml = new String(input, StandardCharsets.UTF_8);
    try {
      ConfigLoader.load(yaml, Path.of("/cfg"));
    } catch (ConfigException refused) {
      // The documented outcome for text that is not a valid configuration.
    }
  }
}
