package dev.spooler.management;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The record of one queue management action: what was done, to what (a message id, a dead letter's
 * id, or a filter), when, by whom, and to how many entries. Written in the action's transaction.
 */
@Entity
@Table(name = "spool_operator_action")
public class OperatorAction {

  /** What an operator can do to queue entries. */
  public enum Kind {
    HOLD,
    RELEASE,
    RETRY,
    DELETE,
    DELETE_WITH_NDR,
    REQUEUE
  }

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "spool_operator_action_seq")
  @SequenceGenerator(name = "spool_operator_action_seq", allocationSize = 1)
  private Long id;

  @Column(nullable = false)
  private Instant at;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, columnDefinition = "varchar(20)")
  private Kind kind;

  /** {@code message:<id>}, {@code dead-letter:<JMS id>} or {@code filter:<filter>}. */
  @Column(nullable = false, length = 600)
  private String target;

  /** Who did it; null until the API authenticates (issue 9). */
  @Column(length = 100)
  private String actor;

  @Column(nullable = false)
  private int affected;

  protected OperatorAction() {}

  OperatorAction(Kind kind, String target, String actor, Instant at) {
    this.kind = kind;
    this.target = target.length() > 600 ? target.substring(0, 600) : target;
    this.actor = actor;
    this.at = at;
  }

  void affected(int count) {
    this.affected = count;
  }

  public Long id() {
    return id;
  }

  public ActionRecord view() {
    return new ActionRecord(id, at, kind, target, actor, affected);
  }

  /** What clients see of an action. */
  public record ActionRecord(
      long id, Instant at, Kind kind, String target, String actor, int affected) {}
}
