package se.npprod.privacy.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClassificationTest {

  @Test
  void neverCallsAKnownTypeAmbiguous() {
    assertThatThrownBy(() -> new Classification(RequestType.ERASURE, List.of("radera"), true, false, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("radera");
  }

  @Test
  void acceptsOnlySwedishOrEnglish() {
    assertThatThrownBy(() -> new Classification(RequestType.UNKNOWN, List.of(), false, false, Optional.of("de")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepsItsOwnCopyOfTheEvidence() {
    List<String> evidence = new ArrayList<>(List.of("radera"));
    Classification c = new Classification(RequestType.ERASURE, evidence, false, false, Optional.of("sv"));

    evidence.add("registerutdrag");

    assertThat(c.evidence()).containsExactly("radera");
  }
}
