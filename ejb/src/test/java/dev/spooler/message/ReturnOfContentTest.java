package dev.spooler.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReturnOfContentTest {

  @Test
  void readsFullAndHdrsInAnyCase() {
    assertThat(ReturnOfContent.parse("full")).isEqualTo(ReturnOfContent.FULL);
    assertThat(ReturnOfContent.parse(" HDRS ")).isEqualTo(ReturnOfContent.HDRS);
    assertThat(ReturnOfContent.parse(null)).isNull();
  }

  @Test
  void anythingElseIsRefusedWithWhatWasGiven() {
    assertThatThrownBy(() -> ReturnOfContent.parse("HEADERS"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("must be FULL or HDRS, got 'HEADERS'");
  }

  @Test
  void onlyFailureReportsReturnTheWholeMessageAndThatByDefault() {
    assertThat(ReturnOfContent.returnsWholeMessage(null, ReportKind.NON_DELIVERY)).isTrue();
    assertThat(ReturnOfContent.returnsWholeMessage(ReturnOfContent.FULL, ReportKind.NON_DELIVERY))
        .isTrue();
    assertThat(ReturnOfContent.returnsWholeMessage(ReturnOfContent.HDRS, ReportKind.NON_DELIVERY))
        .isFalse();
    assertThat(ReturnOfContent.returnsWholeMessage(ReturnOfContent.FULL, ReportKind.DELIVERY))
        .isFalse();
    assertThat(ReturnOfContent.returnsWholeMessage(ReturnOfContent.FULL, ReportKind.DELAY))
        .isFalse();
  }
}
