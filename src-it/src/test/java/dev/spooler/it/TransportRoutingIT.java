package dev.spooler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import dev.spooler.mailbox.MailboxService;
import dev.spooler.message.FiledMessageView;
import dev.spooler.message.MessageStatus;
import dev.spooler.message.MessageStatus.RecipientState;
import dev.spooler.message.MessageTracking;
import dev.spooler.message.RecipientStatus;
import dev.spooler.message.RecipientStatusChanged;
import dev.spooler.queue.SpoolQueues;
import dev.spooler.routing.MessageRouter;
import dev.spooler.submit.Accepted;
import dev.spooler.submit.SpoolerFacade;
import dev.spooler.submit.Submission;
import dev.spooler.submit.SubmissionRequest;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.management.ObjectName;
import javax.naming.InitialContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Address-type routing to the SMTP, LOCAL and JMS providers, inside the server. */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(OrdersQueueSetup.class)
class TransportRoutingIT {

  @Deployment
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.earWithTests(TransportRoutingIT.class, RecordedStatusChanges.class)
        .addAsLibraries(SpoolerDeployment.jarOf(GreenMail.class));
  }

  @EJB private SpoolerFacade facade;
  @EJB private MessageTracking tracking;
  @EJB private MailboxService mailboxes;
  @Inject private RecordedStatusChanges recorded;
  @EJB private MessageRouter router;

  private GreenMail relay;

  @BeforeEach
  void startRelay() {
    relay =
        new GreenMail(
            new com.icegreen.greenmail.util.ServerSetup(
                Integer.getInteger("spooler.smtp.port", 3025), "127.0.0.1", "smtp"));
    relay.start();
  }

  @AfterEach
  void stopRelay() {
    relay.stop();
  }

  @Test
  void eachRecipientGoesToTheProviderOfItsAddressTypeExactlyOnce() throws Exception {
    Accepted accepted =
        facade
            .submit(
                SubmissionRequest.fromCaller(
                    Submission.of(
                            "alice@example.org",
                            List.of(
                                "bob@example.org", "LOCAL:Carol", "JMS:" + OrdersQueueSetup.QUEUE),
                            null,
                            List.of("X400:c=us;a=acme;s=dave"),
                            "Mixed",
                            "One message, four systems")
                        // the X400 recipient's NDR to alice would be a fifth message at the relay
                        .withNotify(List.of("NEVER"))))
            .acceptedOrThrow();

    for (int i = 0; i < 4; i++) {
      assertNotNull(recorded.next(accepted.id(), Duration.ofSeconds(30)), "status change " + i);
    }
    Map<String, RecipientState> byAddress =
        recipients(tracking.status(accepted.id()).orElseThrow());

    assertFinal(byAddress.get("SMTP:bob@example.org"), RecipientStatus.DELIVERED, "smtp");
    assertFinal(byAddress.get("LOCAL:Carol"), RecipientStatus.DELIVERED, "local");
    assertFinal(byAddress.get("JMS:orders.inbox"), RecipientStatus.DELIVERED, "jms");
    RecipientState unknown = byAddress.get("X400:c=us;a=acme;s=dave");
    assertEquals(RecipientStatus.FAILED, unknown.status());
    assertNull(unknown.transport());
    assertEquals("no transport for address type X400", unknown.diagnostic());

    assertTrue(relay.waitForIncomingEmail(5_000, 1));
    assertEquals(1, relay.getReceivedMessages().length, "SMTP relay got it once");

    List<FiledMessageView> inbox = mailboxes.folder("carol", "Inbox");
    assertEquals(1, inbox.stream().filter(f -> f.messageId().equals(accepted.id())).count());

    try (JMSContext jms = connectionFactory().createContext()) {
      JMSConsumer consumer = jms.createConsumer(ordersQueue());
      Message forwarded = consumer.receive(5_000);
      assertNotNull(forwarded, "the orders application got the message");
      assertEquals("SMTP:alice@example.org", forwarded.getStringProperty("spoolerSender"));
      assertEquals("JMS:orders.inbox", forwarded.getStringProperty("spoolerRecipient"));
      assertEquals(accepted.id().toString(), forwarded.getStringProperty("spoolerMessageId"));
      assertEquals(accepted.messageId(), forwarded.getJMSCorrelationID());
      MimeMessage mime =
          new MimeMessage(
              Session.getInstance(new Properties()),
              new ByteArrayInputStream(((BytesMessage) forwarded).getBody(byte[].class)));
      assertEquals("Mixed", mime.getSubject());
      assertNull(mime.getHeader("Bcc"));
      assertNull(consumer.receiveNoWait(), "forwarded only once");
    }
  }

  @Test
  void recipientForAQueueThatDoesNotExistFailsPermanently() throws Exception {
    Accepted accepted =
        facade
            .submit(
                SubmissionRequest.fromCaller(
                    Submission.of(
                            "alice@example.org",
                            List.of("JMS:no.such.queue"),
                            null,
                            null,
                            "Lost",
                            "b")
                        // its NDR to alice would reach the relay after this test stopped it
                        .withNotify(List.of("NEVER"))))
            .acceptedOrThrow();

    RecipientStatusChanged change = recorded.next(accepted.id(), Duration.ofSeconds(30));

    assertEquals(RecipientStatus.FAILED, change.status());
    assertEquals("5.1.1", change.statusCode());
    assertTrue(change.diagnostic().contains("no queue no.such.queue"), change.diagnostic());
  }

  @Test
  void redeliveredDispatchSendsNothingTwice() throws Exception {
    Accepted accepted =
        facade
            .submit(
                SubmissionRequest.fromCaller(
                    Submission.of(
                        "alice@example.org", List.of("bob@example.org"), null, null, "Once", "b")))
            .acceptedOrThrow();
    assertEquals(
        RecipientStatus.DELIVERED, recorded.next(accepted.id(), Duration.ofSeconds(30)).status());
    assertTrue(relay.waitForIncomingEmail(5_000, 1));
    long recipientId = tracking.status(accepted.id()).orElseThrow().recipients().get(0).id();

    // The same dispatch again, as the broker would redeliver it after a crash before acknowledging.
    Queue transport = (Queue) new InitialContext().lookup("java:global/jms/spooler.transport");
    long before = transportQueueDepth();
    try (JMSContext jms = connectionFactory().createContext()) {
      jms.createProducer()
          .setProperty("transport", "smtp")
          .send(
              transport,
              "{\"messageId\":\"%s\",\"transport\":\"smtp\",\"recipientIds\":[%d],\"attempt\":1}"
                  .formatted(accepted.id(), recipientId));
      awaitDepth(jms, before);
    }

    assertEquals(1, relay.getReceivedMessages().length, "nothing sent twice");
    RecipientState bob = tracking.status(accepted.id()).orElseThrow().recipients().get(0);
    assertEquals(RecipientStatus.DELIVERED, bob.status());
    assertEquals(1, bob.attempts());
  }

  @Test
  void messageForLocalRecipientsOnlyIsDeliveredInTheSubmitTransaction() {
    Accepted accepted =
        facade
            .submit(
                SubmissionRequest.fromCaller(
                    Submission.of(
                        "alice@example.org",
                        List.of("LOCAL:erin", "LOCAL:frank"),
                        null,
                        null,
                        "Fast",
                        "b")))
            .acceptedOrThrow();

    // No waiting: the facade returned after the delivery committed with the submission.
    MessageStatus status = tracking.status(accepted.id()).orElseThrow();
    assertTrue(
        status.recipients().stream().allMatch(r -> r.status() == RecipientStatus.DELIVERED),
        status.toString());
    for (String owner : List.of("erin", "frank")) {
      assertEquals(
          1,
          mailboxes.folder(owner, "Inbox").stream()
              .filter(f -> f.messageId().equals(accepted.id()))
              .count());
    }
  }

  @Test
  void concurrentFirstDeliveriesToANewMailboxAllSucceed() throws Exception {
    String owner = "new" + System.nanoTime();
    ExecutorService clients = Executors.newFixedThreadPool(6);
    List<Future<Accepted>> submissions = new ArrayList<>();
    try {
      for (int i = 0; i < 12; i++) {
        submissions.add(
            clients.submit(
                () ->
                    facade
                        .submit(
                            SubmissionRequest.fromCaller(
                                Submission.of(
                                    "alice@example.org",
                                    List.of("LOCAL:" + owner),
                                    null,
                                    null,
                                    "Race",
                                    "b")))
                        .acceptedOrThrow()));
      }
      for (Future<Accepted> submission : submissions) {
        submission.get(30, TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
    }

    assertEquals(12, mailboxes.folder(owner, "Inbox").size());
  }

  private static void assertFinal(
      RecipientState recipient, RecipientStatus status, String transport) {
    assertNotNull(recipient);
    assertEquals(status, recipient.status(), recipient.toString());
    assertEquals(transport, recipient.transport());
    assertEquals(1, recipient.attempts());
  }

  @Test
  void messagesRoutedInOneTransactionTravelAsOneBatchAndAreAllDelivered() throws Exception {
    List<UUID> ids = deferredAnHour("batch", 3);
    long added = transportMessagesAdded();

    router.routeOnAccept(ids); // one transaction, as a group commit routes what it accepted

    // Read from the store: the recorder's next() would drop the other members' changes.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!ids.stream().allMatch(this::delivered) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertTrue(ids.stream().allMatch(this::delivered), "all three delivered");
    assertEquals(1, transportMessagesAdded() - added, "one stage message for the three");
    assertTrue(relay.waitForIncomingEmail(5_000, 3));
    assertEquals(3, relay.getReceivedMessages().length);
  }

  @Test
  void aBatchThatFailsIsSplitAndEachMemberIsDeadLetteredAlone() throws Exception {
    List<UUID> ids = deferredAnHour("poison", 2);
    StringBuilder members = new StringBuilder();
    for (UUID id : ids) {
      long recipientId = tracking.status(id).orElseThrow().recipients().get(0).id();
      members
          .append(members.isEmpty() ? "" : ",")
          .append(
              "{\"messageId\":\"%s\",\"transport\":\"no-such-transport\",\"recipientIds\":[%d],\"attempt\":1}"
                  .formatted(id, recipientId));
    }
    String batch = "{\"transport\":\"no-such-transport\",\"dispatches\":[" + members + "]}";
    Queue transport = (Queue) new InitialContext().lookup("java:global/jms/spooler.transport");
    Queue dead = (Queue) new InitialContext().lookup(SpoolQueues.DEAD);

    try (JMSContext jms = connectionFactory().createContext(JMSContext.SESSION_TRANSACTED)) {
      jms.createProducer().setProperty("transport", "no-such-transport").send(transport, batch);
      jms.commit();
      // Each member alone on spooler.dead: the batch was split when it came back, not retried
      // whole.
      Map<UUID, String> letters = new java.util.HashMap<>();
      try (JMSConsumer consumer = jms.createConsumer(dead)) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (letters.size() < ids.size() && System.nanoTime() < deadline) {
          Message letter = consumer.receive(1_000);
          if (letter != null) {
            String body = letter.getBody(String.class);
            ids.stream()
                .filter(id -> body.contains(id.toString()))
                .forEach(id -> letters.put(id, body));
          }
          jms.commit(); // taken off the dead-letter queue: no other test needs them
        }
      }
      assertEquals(ids.size(), letters.size(), "dead letters " + letters);
      letters.values().forEach(body -> assertEquals(1, SpoolQueues.readBatch(body).size(), body));
    }
  }

  private boolean delivered(UUID id) {
    return tracking.status(id).orElseThrow().recipients().get(0).status()
        == RecipientStatus.DELIVERED;
  }

  /** Messages accepted but not routed for an hour: routed by the test itself. */
  private List<UUID> deferredAnHour(String name, int count) {
    String later = Instant.now().plus(Duration.ofHours(1)).toString();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Submission submission =
          new Submission(
              "alice@example.org",
              List.of(name + i + "@example.org"),
              null,
              null,
              name + " " + i,
              "b",
              null,
              later,
              null,
              List.of("NEVER"),
              null,
              null,
              null);
      ids.add(facade.submit(SubmissionRequest.fromCaller(submission)).acceptedOrThrow().id());
    }
    return ids;
  }

  private static long transportMessagesAdded() throws Exception {
    return transportQueue("messagesAdded");
  }

  private static Map<String, RecipientState> recipients(MessageStatus status) {
    return status.recipients().stream()
        .collect(Collectors.toMap(RecipientState::address, Function.identity()));
  }

  /**
   * Waits until spooler.transport is back to {@code depth} messages: the broker's count includes
   * messages in delivery, so the dispatch was consumed and its transaction committed.
   */
  private static void awaitDepth(JMSContext jms, long depth) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JMSConsumer pause = jms.createConsumer(jms.createTemporaryQueue());
    while (System.nanoTime() < deadline) {
      if (transportQueueDepth() <= depth) {
        return;
      }
      pause.receive(100); // an interruptible pause between polls
    }
    throw new AssertionError("spooler.transport did not drain to " + depth);
  }

  /** The queue's message count, read from the server's management model over JMX. */
  private static long transportQueueDepth() throws Exception {
    return transportQueue("messageCount");
  }

  /** An attribute of spooler.transport in the server's management model, over JMX. */
  private static long transportQueue(String attribute) throws Exception {
    Object value =
        ManagementFactory.getPlatformMBeanServer()
            .getAttribute(
                new ObjectName(
                    "jboss.as:subsystem=messaging-activemq,server=default,jms-queue=spooler.transport"),
                attribute);
    return ((Number) value).longValue();
  }

  private static ConnectionFactory connectionFactory() throws Exception {
    return (ConnectionFactory) new InitialContext().lookup("java:/ConnectionFactory");
  }

  private static Queue ordersQueue() throws Exception {
    return (Queue) new InitialContext().lookup(OrdersQueueSetup.JNDI);
  }
}
