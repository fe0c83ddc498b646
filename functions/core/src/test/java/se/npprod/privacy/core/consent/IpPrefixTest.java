package se.npprod.privacy.core.consent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpPrefixTest {

  @ParameterizedTest
  @CsvSource({
      "203.0.113.77, 203.0.113.0/24",
      "10.1.2.3, 10.1.2.0/24",
      "2001:db8:abcd:12:1:2:3:4, 2001:db8:abcd::/48",
      "::ffff:198.51.100.9, 198.51.100.0/24",
      "shop.npprod.se, unknown",
      "'', unknown",
  })
  void keepsOnlyTheNetworkPrefix(String address, String expected) {
    assertThat(IpPrefix.truncate(address)).isEqualTo(expected);
  }
}
