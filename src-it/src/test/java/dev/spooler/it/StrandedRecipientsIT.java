package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.spooler.message.MessageStatus.RecipientState;
import dev.spooler.message.MessageTracking;
import dev.spooler.message.RecipientStatus;
import dev.spooler.queue.Dispatch;
import dev.spooler.queue.SpoolQueues;
import dev.spooler.retry.StrandedRecipients;
import dev.spooler.submit.SpoolerFacade;
import dev.spooler.submit.Submission;
import dev.spooler.submit.SubmissionRequest;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.json.bind.JsonbBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sweep for stranded recipients, without a kill: the store is put in the state a node killed
 * between its database commit and its transaction log leaves (a recipient routed to SMTP, waiting
 * for a dispatch that never reached the broker), then the sweep's unit of work runs with a cutoff
 * as the lease would set it.
 */
@ExtendWith(ArquillianExtension.class)
class StrandedRecipientsIT {

  private static final String LOST_TOKEN = "lost-with-node-a";

  @Deployment
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.earWithTestsAndLibraries(StrandedRecipientsIT.class);
  }

  @EJB private SpoolerFacade facade;
  @EJB private MessageTracking tracking;
  @EJB private StrandedRecipients stranded;
  @Inject private JMSContext jms;

  @Resource(lookup = SpoolQueues.TRANSPORT)
  private Queue transport;

  @Resource(lookup = "java:jboss/datasources/SpoolerDS")
  private DataSource store;

  @Test
  void aRoutedRecipientWhoseDispatchWasLostIsSentOnOnceAndTheLostDispatchSendsNothing()
      throws Exception {
    GreenMail relay =
        new GreenMail(
            new ServerSetup(Integer.getInteger("spooler.smtp.port", 3025), "127.0.0.1", "smtp"));
    relay.start();
    try {
      // Accepted for tomorrow: stored, and its stage message waits in the broker meanwhile.
      UUID id =
          facade
              .submit(
                  SubmissionRequest.fromCaller(
                      new Submission(
                          "alice@example.org",
                          List.of("bob@example.org"),
                          null,
                          null,
                          "stranded",
                          "b",
                          null,
                          Instant.now().plus(1, ChronoUnit.DAYS).toString(),
                          null,
                          null,
                          null,
                          null,
                          null)))
              .acceptedOrThrow()
              .id();
      Instant routedAt = Instant.now().minus(1, ChronoUnit.HOURS);
      long recipient = routedWithoutDispatch(id, routedAt);

      Instant now = Instant.now();
      String why = "test: lease over";
      assertThat(stranded.sendOn(id, routedAt.minusSeconds(60), now, why))
          .as("not yet past the lease: left alone")
          .isZero();
      assertThat(stranded.sendOn(id, routedAt.plusSeconds(60), now, why)).isEqualTo(1);

      await().atMost(Duration.ofSeconds(30)).until(() -> status(id) == RecipientStatus.DELIVERED);
      assertThat(relay.getReceivedMessages()).hasSize(1);

      // The broker releases the lost dispatch after all (its node's recovery): it is stale.
      jms.createProducer()
          .setProperty(SpoolQueues.TRANSPORT_PROPERTY, "smtp")
          .send(
              transport,
              JsonbBuilder.create()
                  .toJson(new Dispatch(id, "smtp", List.of(recipient), 1, LOST_TOKEN)));
      await()
          .during(Duration.ofSeconds(5))
          .atMost(Duration.ofSeconds(10))
          .until(() -> relay.getReceivedMessages().length == 1);
      assertThat(stranded.sendOn(id, Instant.now(), Instant.now(), why))
          .as("delivered: nothing left to send on")
          .isZero();
    } finally {
      relay.stop();
    }
  }

  /**
   * Puts the message's recipient in the state of one routed to SMTP at {@code at} whose dispatch
   * (token {@value #LOST_TOKEN}) never reached the broker; returns its id.
   */
  private long routedWithoutDispatch(UUID messageId, Instant at) throws Exception {
    try (Connection c = store.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "update spool_recipient set transport = 'smtp', dispatch_token = ?, due_at = ?"
                    + " where message_id = ?")) {
      update.setString(1, LOST_TOKEN);
      update.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
      update.setObject(3, messageId);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
    return tracking.status(messageId).orElseThrow().recipients().get(0).id();
  }

  private RecipientStatus status(UUID id) {
    List<RecipientState> recipients = tracking.status(id).orElseThrow().recipients();
    return recipients.get(0).status();
  }
}
