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
    properties.put(SubmitProperties.RET, "HDRS");
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
    assertThat(submission.ret()).isEqualTo("HDRS");
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

  @Test
  void bodyBytesThatAreNotInTheDeclaredCharsetAreMalformed() {
    envelope();
    byte[] mime =
        concat(
            "Subject: bad bytes\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nGr",
            new byte[] {(byte) 0xfc, (byte) 0xc3, 0x28},
            "e\r\n");

    assertThatThrownBy(() -> new MimeSubmission().read(mime, properties::get))
        .isInstanceOf(MalformedSubmissionException.class)
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void bodyInADeclaredSingleByteCharsetIsDecodedByIt() throws Exception {
    envelope();
    byte[] mime =
        concat(
            "Subject: latin\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nGr",
            new byte[] {(byte) 0xfc},
            "sse\r\n");

    assertThat(new MimeSubmission().read(mime, properties::get).body().strip())
        .isEqualTo("Gr\u00fcsse");
  }

  @Test
  void unknownCharsetIsMalformed() {
    envelope();

    assertThatThrownBy(
            () ->
                read(
                    """
                    Content-Type: text/plain; charset=x-no-such-charset\r
                    \r
                    hi\r
                    """))
        .isInstanceOf(MalformedSubmissionException.class)
        .hasMessageContaining("charset");
  }

  @Test
  void arbitraryBytesAreMalformedOrReadNeverAnUncheckedFailure() {
    envelope();
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] mime = new byte[random.nextInt(400)];
      random.nextBytes(mime);
      try {
        new MimeSubmission().read(mime, properties::get);
      } catch (MalformedSubmissionException expected) {
        // the defined answer to garbage
      }
    }
  }

  private void envelope() {
    properties.put(SubmitProperties.SENDER, "alice@example.org");
    properties.put(SubmitProperties.TO, "bob@example.org");
  }

  private static byte[] concat(String head, byte[] middle, String tail) {
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] t = tail.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[h.length + middle.length + t.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(middle, 0, all, h.length, middle.length);
    System.arraycopy(t, 0, all, h.length + middle.length, t.length);
    return all;
  }

  private Submission read(String mime) throws MalformedSubmissionException {
    return new MimeSubmission().read(mime.getBytes(StandardCharsets.UTF_8), properties::get);
  }
}
