package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MailHeadersTest {
  @Test
  void unfoldsFoldedFieldsKeepsTheirOrderAndStopsAtTheBody() {
    MailHeaders headers = MailHeaders.parse(("Received: from a\r\n\tby b\r\nTo: x@npprod.se\r\n\r\nNot: a header\r\n")
        .getBytes(StandardCharsets.UTF_8));

    assertThat(headers.all()).containsExactly(new MailHeaders.Header("Received", "from a\tby b"),
        new MailHeaders.Header("To", "x@npprod.se"));
  }

  @Test
  void readsAMessageWithBareLineFeeds() {
    MailHeaders headers = MailHeaders.parse("Subject: Hej\nFrom: a@example.se\n\nbody".getBytes(StandardCharsets.UTF_8));

    assertThat(headers.first("subject")).contains("Hej");
    assertThat(headers.all()).hasSize(2);
  }

  @Test
  void decodesEncodedWordsInBothFormsAndJoinsAdjacentOnes() {
    assertThat(MailHeaders.decode("=?UTF-8?Q?Beg=C3=A4ran_om?= =?UTF-8?B?cmVnaXN0ZXJ1dGRyYWc=?="))
        .isEqualTo("Begäran omregisterutdrag");
    assertThat(MailHeaders.decode("=?iso-8859-1?Q?R=E4ttelse?= av adress")).isEqualTo("Rättelse av adress");
    assertThat(MailHeaders.decode("=?x-unknown?Q?abc?=")).as("left as written").isEqualTo("=?x-unknown?Q?abc?=");
  }

  @Test
  void splitsAnAddressListOnlyAtTheCommasBetweenAddresses() {
    assertThat(MailHeaders.splitAddresses("\"Kund, Karin\" <kund@example.se>, info@npprod.se (Info, NP), <a@b.se>"))
        .containsExactly("\"Kund, Karin\" <kund@example.se>", "info@npprod.se (Info, NP)", "<a@b.se>");
  }
}
