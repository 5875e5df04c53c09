package dev.spooler.submit.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spooler.submit.Submission;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MimeSubmissionTest {

  private static final String PLAIN =
      """
      From: someone-else@example.org\r
      To: not-the-envelope@example.org\r
      Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r
      MIME-Version: 1.0\r
      Content-Type: text/plain; charset=UTF-8\r
      Content-Transfer-Encoding: 8bit\r
      \r
      Hallo Bob\r
      """;

  private final Map<String, String> properties = new HashMap<>();

  @Test
  void envelopeComesFromPropertiesAndSubjectAndBodyFromTheMimeMessage() throws Exception {
    properties.put(SubmitProperties.SENDER, "SMTP:alice@example.org");
    properties.put(SubmitProperties.TO, "bob@example.org, LOCAL:carol");
    properties.put(SubmitProperties.BCC, "SMTP:eve@example.org");
    properties.put(SubmitProperties.NOTIFY, "SUCCESS,FAILURE");
    properties.put(SubmitProperties.RECIPIENT_NOTIFY, "{\"bob@example.org\": [\"NEVER\"]}");
    properties.put(SubmitProperties.ENVELOPE_ID, "env-1");
    properties.put(SubmitProperties.PRIORITY, "urgent");

    Submission submission = read(PLAIN);

    assertThat(submission.from()).isEqualTo("SMTP:alice@example.org");
    assertThat(submission.to()).containsExactly("bob@example.org", "LOCAL:carol");
    assertThat(submission.cc()).isEmpty();
    assertThat(submission.bcc()).containsExactly("SMTP:eve@example.org");
    assertThat(submission.subject()).isEqualTo("Grüße");
    assertThat(submission.body()).isEqualTo("Hallo Bob\r\n");
    assertThat(submission.notifyOn()).containsExactly("SUCCESS", "FAILURE");
    assertThat(submission.recipientNotify()).containsEntry("bob@example.org", List.of("NEVER"));
    assertThat(submission.envelopeId()).isEqualTo("env-1");
    assertThat(submission.priority()).isEqualTo("urgent");
  }

  @Test
  void firstTextPartOfAMultipartIsTheBody() throws Exception {
    properties.put(SubmitProperties.SENDER, "alice@example.org");
    properties.put(SubmitProperties.CC, "bob@example.org");

    Submission submission =
        read(
            """
            Subject: Both\r
            MIME-Version: 1.0\r
            Content-Type: multipart/alternative; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/html\r
            \r
            <p>html</p>\r
            --b1\r
            Content-Type: text/plain\r
            \r
            plain\r
            --b1--\r
            """);

    assertThat(submission.body().strip()).isEqualTo("plain");
  }

  @Test
  void missingSenderIsMalformed() {
    properties.put(SubmitProperties.TO, "bob@example.org");

    assertThatThrownBy(() -> read(PLAIN))
        .isInstanceOf(MalformedSubmissionException.class)
        .hasMessageContaining("missing property spoolerSender");
  }

  @Test
  void noRecipientPropertyIsMalformed() {
    properties.put(SubmitProperties.SENDER, "alice@example.org");

    assertThatThrownBy(() -> read(PLAIN))
        .isInstanceOf(MalformedSubmissionException.class)
        .hasMessageContaining("missing property spoolerTo");
  }

  @Test
  void noTextBodyIsMalformed() {
    properties.put(SubmitProperties.SENDER, "alice@example.org");
    properties.put(SubmitProperties.TO, "bob@example.org");

    assertThatThrownBy(
            () ->
                read(
                    """
                    Content-Type: image/png\r
                    \r
                    xxxx\r
                    """))
        .isInstanceOf(MalformedSubmissionException.class)
        .hasMessageContaining("no text/plain body");
  }

  @Test
  void recipientNotifyThatIsNotAnObjectOfListsIsMalformed() {
    properties.put(SubmitProperties.SENDER, "alice@example.org");
    properties.put(SubmitProperties.TO, "bob@example.org");
    properties.put(SubmitProperties.RECIPIENT_NOTIFY, "{\"bob@example.org\": \"SUCCESS\"}");

    assertThatThrownBy(() -> read(PLAIN))
        .isInstanceOf(MalformedSubmissionException.class)
        .hasMessageContaining(SubmitProperties.RECIPIENT_NOTIFY);
  }

  private Submission read(String mime) throws MalformedSubmissionException {
    return new MimeSubmission().read(mime.getBytes(StandardCharsets.UTF_8), properties::get);
  }
}
