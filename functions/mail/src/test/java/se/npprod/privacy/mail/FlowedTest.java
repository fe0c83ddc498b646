package se.npprod.privacy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlowedTest {

  @Test
  void joinsLinesEndingInASpace() {
    assertThat(Flowed.unflow("Jag vill ha ett \nregisterutdrag.\nTack.", false))
        .isEqualTo("Jag vill ha ett registerutdrag.\nTack.");
  }

  @Test
  void deletesTheSoftSpaceWithDelSp() {
    assertThat(Flowed.unflow("Dataskydds\u00adför \nordningen", true)).isEqualTo("Dataskydds\u00adförordningen");
  }

  @Test
  void keepsQuoteDepthsApartAndUnstuffsSpaces() {
    String flowed = "> Vill du ha \n> ett utdrag?\n  Ja.\n>> Fråga\n";

    assertThat(Flowed.unflow(flowed, false)).isEqualTo("> Vill du ha ett utdrag?\n Ja.\n>> Fråga\n");
  }

  @Test
  void keepsTheSignatureSeparator() {
    assertThat(Flowed.unflow("Hej\n-- \nAnna", false)).isEqualTo("Hej\n-- \nAnna");
  }
}
