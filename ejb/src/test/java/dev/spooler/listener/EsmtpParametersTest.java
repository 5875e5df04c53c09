package dev.spooler.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class EsmtpParametersTest {

  private static final Set<String> MAIL = Set.of("SIZE", "BODY", "SMTPUTF8", "RET", "ENVID");

  @Test
  void readsThePathAndTheParameters() throws Exception {
    EsmtpParameters mail =
        EsmtpParameters.parse("FROM:<sam@example.org> size=42 SMTPUTF8 ENVID=a+2Bb", "FROM:", MAIL);

    assertThat(mail.path()).isEqualTo("sam@example.org");
    assertThat(mail.value("SIZE")).contains("42");
    assertThat(mail.has("SMTPUTF8")).isTrue();
    assertThat(mail.value("SMTPUTF8")).isEmpty();
    assertThat(EsmtpParameters.decodeXtext(mail.value("ENVID").orElseThrow())).isEqualTo("a+b");
  }

  @Test
  void theNullReversePathAndASourceRouteAreRead() throws Exception {
    assertThat(EsmtpParameters.parse("FROM:<>", "FROM:", MAIL).path()).isEmpty();
    assertThat(EsmtpParameters.parse("TO:<@relay.example:bob@example.org>", "TO:", Set.of()).path())
        .isEqualTo("bob@example.org");
  }

  @Test
  void unknownOrRepeatedParametersAndBadSyntaxAreRefused() {
    assertThatThrownBy(() -> EsmtpParameters.parse("FROM:<a@b> XFOO=1", "FROM:", MAIL))
        .hasMessageStartingWith("555 5.5.4");
    assertThatThrownBy(() -> EsmtpParameters.parse("FROM:<a@b> SIZE=1 SIZE=2", "FROM:", MAIL))
        .hasMessageStartingWith("501 5.5.4");
    assertThatThrownBy(() -> EsmtpParameters.parse("FROM:a@b", "FROM:", MAIL))
        .hasMessageStartingWith("501 5.1.7");
    assertThatThrownBy(() -> EsmtpParameters.parse("TO:<a@b>", "FROM:", MAIL))
        .hasMessageStartingWith("501 5.5.4");
  }

  @Test
  void malformedXtextIsRefused() {
    assertThatThrownBy(() -> EsmtpParameters.decodeXtext("a+2"))
        .hasMessageStartingWith("501 5.5.4");
    assertThatThrownBy(() -> EsmtpParameters.decodeXtext("a+ZZb"))
        .hasMessageStartingWith("501 5.5.4");
    assertThatThrownBy(() -> EsmtpParameters.decodeXtext("a=b"))
        .hasMessageStartingWith("501 5.5.4");
  }
}
