package dev.spooler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.spooler.message.RecipientStatus;
import dev.spooler.message.RecipientStatusChanged;
import dev.spooler.submit.Accepted;
import dev.spooler.submit.InvalidSubmissionException;
import dev.spooler.submit.SpoolerFacade;
import dev.spooler.submit.Submission;
import dev.spooler.submit.SubmissionRequest;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests that run inside the server, next to the spooler's beans and its CDI events. */
@ExtendWith(ArquillianExtension.class)
class SpoolerInContainerIT {

  @Deployment
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.earWithTests(SpoolerInContainerIT.class, RecordedStatusChanges.class)
        .addAsLibraries(SpoolerDeployment.jarOf(GreenMail.class));
  }

  @EJB private SpoolerFacade facade;
  @Inject private RecordedStatusChanges recorded;

  @Resource(lookup = "java:jboss/datasources/SpoolerDS")
  private DataSource store;

  @Test
  void deliveryFiresStatusChangedEventWithMessageIdAndStatus() throws Exception {
    GreenMail relay =
        new GreenMail(
            new ServerSetup(Integer.getInteger("spooler.smtp.port", 3025), "127.0.0.1", "smtp"));
    relay.start();
    try {
      Accepted accepted =
          facade
              .submit(
                  SubmissionRequest.fromCaller(
                      Submission.of(
                          "alice@example.org",
                          List.of("bob@example.org"),
                          null,
                          null,
                          "Hi",
                          "Hello")))
              .acceptedOrThrow();

      RecipientStatusChanged change = recorded.next(accepted.id(), Duration.ofSeconds(30));

      assertNotNull(change, "no status change observed for " + accepted.id());
      assertEquals(accepted.id(), change.messageId());
      assertEquals("SMTP:bob@example.org", change.address());
      assertEquals(RecipientStatus.PENDING, change.previous());
      assertEquals(RecipientStatus.DELIVERED, change.status());
      assertEquals("smtp", change.transport());
      assertTrue(relay.waitForIncomingEmail(10_000, 1), "relay received the message");
    } finally {
      relay.stop();
    }
  }

  @Test
  void refusedSubmissionStoresNothing() throws Exception {
    long before = count("spool_message");
    long recipientsBefore = count("spool_recipient");

    InvalidSubmissionException refused =
        assertThrows(
            InvalidSubmissionException.class,
            () ->
                facade
                    .submit(
                        SubmissionRequest.fromCaller(
                            Submission.of(
                                "alice@example.org",
                                List.of("bob@example.org", "not an address"),
                                null,
                                null,
                                "s",
                                "b")))
                    .acceptedOrThrow());

    assertEquals("to[1]", refused.violations().get(0).field());
    assertEquals(before, count("spool_message"));
    assertEquals(recipientsBefore, count("spool_recipient"));
  }

  private long count(String table) throws SQLException {
    try (Connection c = store.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
