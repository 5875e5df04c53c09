package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.spooler.hook.HookChain;
import dev.spooler.mailbox.MailboxService;
import dev.spooler.message.FiledMessageView;
import dev.spooler.message.MessageStatus;
import dev.spooler.message.MessageTracking;
import dev.spooler.message.RecipientStatus;
import dev.spooler.message.ReportKind;
import dev.spooler.queue.SpoolQueues;
import dev.spooler.submit.Accepted;
import dev.spooler.submit.SpoolerFacade;
import dev.spooler.submit.Submission;
import dev.spooler.submit.SubmissionRequest;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.exceptions.FailException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pre- and post-processing hooks in the server: the built-ins as the test server configures them
 * (trace, DKIM, inbound rules) and the test hooks of {@link TestHooks}.
 */
@ExtendWith(ArquillianExtension.class)
class HooksIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Deployment
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.earWithTestsAndLibraries(
        HooksIT.class,
        TestHooks.class,
        TestHooks.Tagged.class,
        TestHooks.First.class,
        TestHooks.Second.class,
        TestHooks.Rejecting.class,
        TestHooks.Throwing.class,
        TestHooks.ThrowingOnArrival.class);
  }

  @EJB private SpoolerFacade facade;
  @EJB private MessageTracking tracking;
  @EJB private MailboxService mailboxes;
  @Inject private HookChain hooks;
  @Inject private JMSContext jms;

  @Resource(lookup = SpoolQueues.DEAD)
  private Queue dead;

  private GreenMail relay;

  @BeforeEach
  void startRelay() {
    relay =
        new GreenMail(
            new ServerSetup(Integer.getInteger("spooler.smtp.port", 3025), "127.0.0.1", "smtp"));
    relay.start();
  }

  @AfterEach
  void stopRelay() {
    relay.stop();
  }

  @Test
  void hooksRunInPriorityOrderAndDkimSignsLast() throws Exception {
    assertThat(hooks.all())
        .extracting(r -> r.hook().name())
        .containsSubsequence("test-first", "test-second", "trace", "rules", "size-limit", "dkim");

    submit("alice@example.org", "bob@example.org", "[order] in turn");

    MimeMessage received = awaitRelayed("[order] in turn");
    assertThat(received.getHeader("X-Hook-Order")).containsExactly("first", "second");
    assertThat(received.getHeader("Received")).anySatisfy(h -> assertThat(h).contains("(Spooler)"));
    assertThat(received.getHeader("DKIM-Signature")[0]).contains("d=example.org").contains("s=it");
  }

  @Test
  void aDkimSignedMessageVerifiesWithThePublicKeyAndFailsWhenAltered() throws Exception {
    submit("alice@example.org", "bob@example.org", "signed mail");
    String raw = GreenMailUtil.getWholeMessage(awaitRelayed("signed mail"));
    String record = publicRecord();

    assertThat(new DKIMVerifier((m, s, d) -> List.of(record)).verify(stream(raw))).hasSize(1);
    String altered = raw.replace("body of signed mail", "body of altered mail");
    assertThat(altered).isNotEqualTo(raw);
    assertThatThrownBy(() -> new DKIMVerifier((m, s, d) -> List.of(record)).verify(stream(altered)))
        .isInstanceOf(FailException.class);
  }

  @Test
  void aRejectingHookFailsTheRecipientsAndTheNdrNamesIt() {
    Accepted accepted = submit("alice@example.org", "bob@example.org", "[reject] please");

    MessageStatus status =
        await().atMost(WAIT).until(() -> status(accepted), s -> !s.reports().isEmpty());
    assertThat(status.recipients().get(0).status()).isEqualTo(RecipientStatus.FAILED);
    assertThat(status.recipients().get(0).statusCode()).isEqualTo("5.7.1");
    assertThat(status.recipients().get(0).diagnostic())
        .isEqualTo("rejected by hook test-reject: the subject asked for it");
    assertThat(status.reports().get(0).kind()).isEqualTo(ReportKind.NON_DELIVERY);
  }

  @Test
  void aThrowingHookIsRetriedThenDeadLetteredWithNothingLost() {
    int before = TestHooks.Throwing.CALLS.get();
    Accepted accepted = submit("alice@example.org", "bob@example.org", "[boom] now");

    MessageStatus status =
        await().atMost(WAIT).until(() -> status(accepted), s -> !s.refusals().isEmpty());
    MessageStatus.Refusal refusal = status.refusals().get(0);
    assertThat(refusal.kind()).isEqualTo("DEAD_LETTER");
    assertThat(refusal.where()).isEqualTo("pre-process");
    assertThat(refusal.hook()).isEqualTo("test-boom");
    assertThat(refusal.reason()).contains("boom #");
    // once in the accepting transaction (which hands the message to the stage instead of failing),
    // then two delivery attempts by the stage (the test server's spooler.jms.max-delivery-attempts)
    assertThat(TestHooks.Throwing.CALLS.get() - before).isEqualTo(3);
    assertThat(status.recipients().get(0).status()).isEqualTo(RecipientStatus.PENDING);
    try (JMSConsumer consumer = jms.createConsumer(dead, "spoolerDeadStage = 'pre-process'")) {
      Message deadLetter = consumer.receive(5_000);
      assertThat(deadLetter).isNotNull();
      assertThat(deadLetter.getBody(String.class)).isEqualTo(accepted.id().toString());
      assertThat(deadLetter.getStringProperty(SpoolQueues.DEAD_REASON_PROPERTY))
          .contains("test-boom");
    } catch (jakarta.jms.JMSException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aLocalDeliveryWhosePostProcessingHookThrowsIsAcceptedAndDeferred() {
    Accepted accepted = submit("alice@example.org", "LOCAL:tina", "[arrival-boom] hello");

    MessageStatus status =
        await()
            .atMost(WAIT)
            .until(
                () -> status(accepted),
                s -> s.recipients().get(0).status() == RecipientStatus.DEFERRED);
    assertThat(status.recipients().get(0).statusCode()).isEqualTo("4.3.0");
    assertThat(status.recipients().get(0).diagnostic())
        .contains("hook test-arrival-boom failed")
        .contains("cannot file this");
    assertThat(subjects("tina", "Inbox")).isEmpty();
  }

  @Test
  void aRuleFilesInTheRightFolderMarksReadAndAnotherForwards() {
    submit("carla@example.org", "LOCAL:rita", "Invoice 42");
    submit("boss@example.org", "LOCAL:rita", "See me");

    await().atMost(WAIT).until(() -> subjects("rita", "Invoices").contains("Invoice 42"));
    FiledMessageView invoice = mailboxes.folder("rita", "Invoices").get(0);
    assertThat(invoice.read()).isTrue();
    assertThat(subjects("rita", "Inbox")).doesNotContain("Invoice 42");

    await().atMost(WAIT).until(() -> subjects("rita", "Inbox").contains("See me"));
    await().atMost(WAIT).until(() -> subjects("assistant", "Inbox").contains("Fwd: See me"));
  }

  private Accepted submit(String from, String to, String subject) {
    return facade
        .submit(
            SubmissionRequest.fromCaller(
                Submission.of(from, List.of(to), null, null, subject, "body of " + subject)))
        .acceptedOrThrow();
  }

  private MessageStatus status(Accepted accepted) {
    return tracking.status(accepted.id()).orElseThrow();
  }

  private List<String> subjects(String owner, String folder) {
    return mailboxes.folder(owner, folder).stream().map(FiledMessageView::subject).toList();
  }

  private MimeMessage awaitRelayed(String subject) {
    return await()
        .atMost(WAIT)
        .until(
            () -> {
              for (MimeMessage m : relay.getReceivedMessages()) {
                if (subject.equals(m.getSubject())) {
                  return Optional.of(m);
                }
              }
              return Optional.<MimeMessage>empty();
            },
            Optional::isPresent)
        .orElseThrow();
  }

  /** The TXT record of the test server's DKIM key, beside the key file it signs with. */
  private static String publicRecord() throws java.io.IOException {
    Path keyFile = Path.of(System.getProperty("spooler.hooks.dkim.key-file"));
    return Files.readString(keyFile.resolveSibling("it.txt"));
  }

  private static ByteArrayInputStream stream(String message) {
    return new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1));
  }
}
