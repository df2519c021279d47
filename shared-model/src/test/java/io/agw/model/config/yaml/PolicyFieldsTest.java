package io.agw.model.config.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyFieldsTest {

  @Test
  void listsEachBlocksFieldsInTheGivenOrder() {
    PolicyFields fields =
        new PolicyFields(
            List.of(
                new PolicyField("cors", CorsYaml.class, Set.of(PolicyBlock.LISTENER)),
                new PolicyField(
                    "timeout", TimeoutYaml.class, Set.of(PolicyBlock.ROUTE, PolicyBlock.LISTENER)),
                new PolicyField("retry", RetryYaml.class, Set.of(PolicyBlock.ROUTE))));

    assertThat(fields.in(PolicyBlock.LISTENER)).containsOnlyKeys("cors", "timeout");
    assertThat(fields.in(PolicyBlock.LISTENER).keySet()).containsExactly("cors", "timeout");
    assertThat(fields.in(PolicyBlock.ROUTE).keySet()).containsExactly("timeout", "retry");
    assertThat(fields.in(PolicyBlock.BACKEND)).isEmpty();
  }

  @Test
  void refusesTwoKindsWithOneNameInOneBlock() {
    List<PolicyField> clash =
        List.of(
            new PolicyField("cors", CorsYaml.class, Set.of(PolicyBlock.ROUTE)),
            new PolicyField("cors", TimeoutYaml.class, Set.of(PolicyBlock.ROUTE)));

    assertThatThrownBy(() -> new PolicyFields(clash))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("two policy kinds named 'cors' in the ROUTE block");
  }

  @Test
  void oneNameMayMeanDifferentTypesInDifferentBlocks() {
    PolicyFields fields =
        new PolicyFields(
            List.of(
                new PolicyField("x", CorsYaml.class, Set.of(PolicyBlock.ROUTE)),
                new PolicyField("x", TimeoutYaml.class, Set.of(PolicyBlock.BACKEND))));

    assertThat(fields.in(PolicyBlock.ROUTE)).containsEntry("x", CorsYaml.class);
    assertThat(fields.in(PolicyBlock.BACKEND)).containsEntry("x", TimeoutYaml.class);
  }
}
