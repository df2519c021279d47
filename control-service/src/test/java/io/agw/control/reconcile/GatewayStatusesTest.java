package io.agw.control.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.control.translate.StatusCondition;
import io.agw.control.translate.Translation;
import io.agw.control.xds.GatewayDeliveries;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayStatusesTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant T1 = Instant.parse("2026-01-01T00:05:00Z");

  static final Translation.GatewayResult PROGRAMMED =
      new Translation.GatewayResult(
          List.of(),
          List.of(
              new StatusCondition("Accepted", true, "Accepted", "ok"),
              new StatusCondition("Programmed", true, "Programmed", "ok")),
          List.of(
              new Translation.ListenerResult(
                  "http",
                  2,
                  List.of(new StatusCondition("Accepted", true, "Accepted", "listener")))));

  static Gateway gateway(GatewayStatus status) {
    return new GatewayBuilder()
        .withNewMetadata()
        .withName("web")
        .withNamespace("ns")
        .withGeneration(3L)
        .endMetadata()
        .withStatus(status)
        .build();
  }

  static Condition find(GatewayStatus s, String type) {
    return s.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().get();
  }

  @Test
  void writesTheTranslatorsConditionsAndListeners() {
    GatewayStatus s = GatewayStatuses.of(gateway(null), PROGRAMMED, null, T0);
    assertThat(find(s, "Programmed").getStatus()).isEqualTo("True");
    assertThat(find(s, "Programmed").getObservedGeneration()).isEqualTo(3L);
    assertThat(find(s, "Programmed").getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(s.getListeners().get(0).getAttachedRoutes()).isEqualTo(2);
    assertThat(s.getListeners().get(0).getSupportedKinds().get(0).getKind()).isEqualTo("HTTPRoute");
  }

  @Test
  void anUnchangedStatusIsEqualSoNothingIsWrittenAgain() {
    GatewayStatus first = GatewayStatuses.of(gateway(null), PROGRAMMED, null, T0);
    GatewayStatus again = GatewayStatuses.of(gateway(first), PROGRAMMED, null, T1);
    assertThat(again).isEqualTo(first);
  }

  @Test
  void aNackMakesProgrammedFalseWithTheGatewaysMessageUntilCleared() {
    GatewayStatus ok = GatewayStatuses.of(gateway(null), PROGRAMMED, null, T0);
    GatewayDeliveries.Nack nack =
        new GatewayDeliveries.Nack(7, "route r: No matching constant for [999]", T1);
    GatewayStatus rejected = GatewayStatuses.of(gateway(ok), PROGRAMMED, nack, T1);
    Condition programmed = find(rejected, "Programmed");
    assertThat(programmed.getStatus()).isEqualTo("False");
    assertThat(programmed.getReason()).isEqualTo("Invalid");
    assertThat(programmed.getMessage())
        .contains("version 7")
        .contains("keeps serving its previous configuration")
        .contains("No matching constant for [999]");
    assertThat(programmed.getLastTransitionTime()).isEqualTo("2026-01-01T00:05:00Z");
    assertThat(find(rejected, "Accepted")).isEqualTo(find(ok, "Accepted"));

    GatewayStatus cleared = GatewayStatuses.of(gateway(rejected), PROGRAMMED, null, T1);
    assertThat(find(cleared, "Programmed").getStatus()).isEqualTo("True");
  }
}
