package se.npprod.privacy.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RequestTypeTest {

  @ParameterizedTest
  @EnumSource(RequestType.class)
  void readsBackEveryWireName(RequestType type) {
    assertThat(type.wireName()).isEqualTo(type.name().toLowerCase(java.util.Locale.ROOT));
    assertThat(RequestType.fromWire(type.wireName())).contains(type);
  }

  @Test
  void knowsNoOtherName() {
    assertThat(RequestType.fromWire("ACCESS")).isEmpty();
    assertThat(RequestType.fromWire("portability")).isEmpty();
    assertThat(RequestType.fromWire(null)).isEmpty();
  }
}
