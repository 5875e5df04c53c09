package dev.spooler.management;

import dev.spooler.management.OperatorAction.ActionRecord;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** What waits in the queues, page by page, and the record of operators' actions. */
@Stateless
public class QueueListing {

  public static final int MAX_PAGE = 500;

  @Inject private QueueRepository queue;
  @Inject private DeadLetterQueue deadLetters;
  @Inject private Clock clock;
  @PersistenceContext private EntityManager em;

  /** Recipients in a queue of recipient states (queued, deferred, held), oldest message first. */
  public QueuePage<QueueEntry> entries(QueueFilter filter, int offset, int limit) {
    if (filter.state() == QueueState.DEAD_LETTERED) {
      throw new IllegalArgumentException("dead letters are listed by deadLetters()");
    }
    Instant now = clock.instant();
    int size = clamp(limit);
    int from = Math.max(offset, 0);
    List<QueueEntry> page =
        queue.matching(filter, now, from, size).stream().map(QueueEntry::of).toList();
    return new QueuePage<>(queue.count(filter, now), from, size, page);
  }

  /** The dead-letter queue, oldest first. Filters other than the state do not apply here. */
  public QueuePage<DeadLetter> deadLetters(int offset, int limit) {
    List<DeadLetter> all = deadLetters.browse(QueueActions.MAX_BULK);
    int size = clamp(limit);
    int from = Math.min(Math.max(offset, 0), all.size());
    return new QueuePage<>(
        all.size(), from, size, all.subList(from, Math.min(all.size(), from + size)));
  }

  /** The newest operator actions first. */
  public List<ActionRecord> actions(int limit) {
    return em.createQuery("select a from OperatorAction a order by a.id desc", OperatorAction.class)
        .setMaxResults(clamp(limit))
        .getResultStream()
        .map(OperatorAction::view)
        .toList();
  }

  private static int clamp(int limit) {
    return Math.min(Math.max(limit, 1), MAX_PAGE);
  }
}
