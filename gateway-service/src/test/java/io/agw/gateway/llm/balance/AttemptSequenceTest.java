package io.agw.gateway.llm.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.balance.AttemptSequence.Attempt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AttemptSequenceTest {

  private static final long SECOND = 1_000_000_000L;
  private static final EjectionPolicy TEN_SECONDS = EjectionPolicy.of(Duration.ofSeconds(10), 1);

  private final AtomicLong clock = new AtomicLong(100 * SECOND);

  record Target(String name, Endpoint endpoint) implements Balanced {
    @Override
    public int weight() {
      return 1;
    }
  }

  private Target target(String name) {
    return new Target(name, new Endpoint(name, clock::get));
  }

  private static List<String> names(AttemptSequence<Target> sequence) {
    List<String> out = new ArrayList<>();
    for (Optional<Attempt<Target>> a = sequence.next(); a.isPresent(); a = sequence.next()) {
      out.add(a.get().target().name() + "@" + a.get().group() + (a.get().newGroup() ? "!" : ""));
    }
    return out;
  }

  @Test
  void groupsAreTriedInOrderOncePerGroupByDefault() {
    Target a = target("a");
    Target b = target("b");
    Target c = target("c");

    var sequence =
        new AttemptSequence<>(List.of(List.of(a), List.of(b), List.of(c)), 1, new Random(1));

    assertThat(names(sequence)).containsExactly("a@0", "b@1!", "c@2!");
  }

  @Test
  void retriesInAGroupGoToAnotherProviderFirstThenBackToATriedOne() {
    Target a1 = target("a1");
    Target a2 = target("a2");
    Target b = target("b");

    List<String> order =
        names(new AttemptSequence<>(List.of(List.of(a1, a2), List.of(b)), 3, new Random(5)));

    // Three tries per group: both providers of the first, then one of them again; then the
    // second group's only provider three times.
    assertThat(order).hasSize(6);
    assertThat(order.subList(0, 2)).containsExactlyInAnyOrder("a1@0", "a2@0");
    assertThat(order.get(2)).isIn("a1@0", "a2@0");
    assertThat(order.subList(3, 6)).containsExactly("b@1!", "b@1", "b@1");
  }

  @Test
  void anEjectedProviderIsSkippedAndComesBackAfterItsEjection() {
    Target primary = target("primary");
    Target secondary = target("secondary");
    assertThat(primary.endpoint().failed(TEN_SECONDS)).isTrue();
    List<List<Target>> groups = List.of(List.of(primary), List.of(secondary));

    assertThat(names(new AttemptSequence<>(groups, 1, new Random(1))))
        .containsExactly("secondary@1!");

    clock.addAndGet(10 * SECOND - 1);
    assertThat(primary.endpoint().ejected()).isTrue();
    clock.addAndGet(1);
    assertThat(primary.endpoint().ejected()).isFalse();
    assertThat(names(new AttemptSequence<>(groups, 1, new Random(1))))
        .containsExactly("primary@0", "secondary@1!");
  }

  @Test
  void aRetryMayGoBackToTheProviderItsFailureEjected() {
    Target only = target("only");
    var sequence = new AttemptSequence<>(List.of(List.of(only)), 2, new Random(1));

    assertThat(sequence.next().orElseThrow().target()).isSameAs(only);
    only.endpoint().failed(TEN_SECONDS);
    Attempt<Target> retry = sequence.next().orElseThrow();

    assertThat(retry.target()).isSameAs(only);
    assertThat(retry.attemptInGroup()).isEqualTo(1);
    assertThat(sequence.next()).isEmpty();
  }

  @Test
  void whenEverythingIsEjectedTheFirstGroupIsTriedAnyway() {
    Target a = target("a");
    Target b = target("b");
    a.endpoint().failed(TEN_SECONDS);
    b.endpoint().failed(TEN_SECONDS);

    assertThat(names(new AttemptSequence<>(List.of(List.of(a), List.of(b)), 1, new Random(1))))
        .containsExactly("a@0");
  }
}
