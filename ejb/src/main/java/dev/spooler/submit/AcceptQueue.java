package dev.spooler.submit;

import dev.spooler.message.MessageLimits;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The way in for clients that wait for their answer (REST, the SMTP listener): submissions are
 * checked on the caller's thread, then stored in groups by {@link AcceptBatcher} through {@link
 * SpoolerFacade#submitAll}. A caller that must store in its own transaction (a JMS receive) calls
 * the facade instead. Workers run on the server's ManagedThreadFactory (the application's class
 * loader and naming context, which the facade's EJB call needs).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// The caller's thread only queues; the workers' facade calls are the transactions.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AcceptQueue {

  @Resource private ManagedThreadFactory threads;
  @EJB private SpoolerFacade facade;
  @Inject private MessageLimits limits;

  private AcceptBatcher batcher;

  @PostConstruct
  void start() {
    batcher = new AcceptBatcher(facade::submitAll, AcceptSettings.read(ConfigProvider.getConfig()));
    batcher.start(threads);
  }

  @PreDestroy
  void stop() {
    batcher.stop();
  }

  /**
   * One submission, answered after the transaction holding it committed. Its authority must be
   * explicit (a submitter, or trusted): the caller's container identity does not travel to the
   * worker that stores it.
   *
   * @throws AcceptOverloadedException when accepting is behind; nothing was queued
   */
  public CompletableFuture<SubmissionOutcome> submit(SubmissionRequest request) {
    return submitAll(List.of(request)).get(0);
  }

  /** Submissions stored in one transaction (the invalid ones answered at once), in order. */
  public List<CompletableFuture<SubmissionOutcome>> submitAll(List<SubmissionRequest> requests) {
    List<CompletableFuture<SubmissionOutcome>> answers = new ArrayList<>(requests.size());
    List<SubmissionRequest> valid = new ArrayList<>(requests.size());
    List<Integer> validAt = new ArrayList<>(requests.size());
    SubmissionValidator validator =
        new SubmissionValidator(limits.maxRecipients(), limits.maxMessageBytes());
    for (SubmissionRequest request : requests) {
      if (request.submitter() == null && !request.trusted()) {
        throw new IllegalArgumentException("a queued submission names its submitter");
      }
      answers.add(null);
      // Checked before batching: a refusal costs no transaction and never sits in a batch.
      try {
        if (!request.origin().wantsReplies()) {
          validator.validate(request.submission(), Instant.now());
        }
      } catch (InvalidSubmissionException e) {
        answers.set(
            answers.size() - 1, CompletableFuture.completedFuture(SpoolerFacade.refusal(e)));
        continue;
      }
      valid.add(request);
      validAt.add(answers.size() - 1);
    }
    List<CompletableFuture<SubmissionOutcome>> queued = batcher.submitAll(valid);
    for (int i = 0; i < queued.size(); i++) {
      answers.set(validAt.get(i), queued.get(i));
    }
    return answers;
  }
}
