package se.npprod.privacy.core.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InboundMailTest {

  @Test
  void lowerCasesTheDomainButNotTheLocalPart() {
    assertThat(new Address("Anna.Andersson@Example.SE", null))
        .isEqualTo(new Address("Anna.Andersson@example.se", ""));
  }

  @Test
  void printsNothingPersonal() {
    Address anna = new Address("anna@example.se", "Anna Andersson");
    InboundMail mail = new InboundMail("id@example.se", anna, Optional.of(anna), List.of("info@npprod.se"),
        "Radera Anna", null, "Hej, jag heter Anna", "Hej, jag heter Anna", false, MailKind.PERSONAL,
        List.of(new Attachment("anna-pass.pdf", "application/pdf", 1234)), 2048);

    assertThat(mail.toString() + anna + mail.attachments())
        .doesNotContain("anna", "Anna")
        .contains("PERSONAL", "application/pdf", "2048");
  }

  @Test
  void malformedMailNamesOnlyItsReason() {
    MalformedMail failure = MalformedMail.unreadable(new IllegalStateException("From: anna@example.se"));

    assertThat(failure.reason()).isEqualTo(MalformedMail.Reason.UNREADABLE);
    assertThat(failure).hasMessage("Inbound mail is unusable: unreadable (java.lang.IllegalStateException)")
        .hasNoCause();
    assertThat(new MalformedMail(MalformedMail.Reason.TOO_LARGE)).hasMessageEndingWith("too-large");
  }
}
