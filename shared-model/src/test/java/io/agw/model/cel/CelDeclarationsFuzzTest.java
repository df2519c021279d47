package io.agw.model.cel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the CEL type check the config loader runs on every expression: whatever the text, {@link
 * CelDeclarations#check} answers "compiles" or a non-blank problem; it never throws. The seed
 * corpus is in {@code CelDeclarationsFuzzTestInputs/checksOrDescribes}.
 */
class CelDeclarationsFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void checksOrDescribes(byte[] input) {
    String expression = new String(input, StandardCharsets.UTF_8);

    CelDeclarations.check(expression).ifPresent(problem -> assertThat(problem).isNotBlank());
  }
}
