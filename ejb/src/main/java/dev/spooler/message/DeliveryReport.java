package dev.spooler.message;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The record of one report: which message it is about, which recipients it covers, which stored
 * message carries it, and what became of it. One per (message, kind, dispatch).
 */
@Entity
@Table(
    name = "delivery_report",
    indexes = {
      @Index(name = "delivery_report_original", columnList = "original_message_id"),
      @Index(name = "delivery_report_message", columnList = "report_message_id")
    })
public class DeliveryReport {

  private static final int MAX_REASON_LENGTH = 1000;

  @Id private UUID id;

  @Column(name = "original_message_id", nullable = false)
  private UUID originalMessageId;

  @Column(name = "report_message_id", nullable = false)
  private UUID reportMessageId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, columnDefinition = "varchar(12)")
  private ReportKind kind;

  /** The dispatch whose outcomes this report covers, e.g. {@code smtp#2} or {@code route}. */
  @Column(name = "dispatch_key", nullable = false, length = 60)
  private String dispatchKey;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(
      name = "delivery_report_recipient",
      joinColumns = @JoinColumn(name = "report_id"))
  @OrderColumn(name = "position")
  @Column(name = "address", nullable = false, length = 330)
  private List<String> recipients = new ArrayList<>();

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, columnDefinition = "varchar(10)")
  private ReportState state = ReportState.SENT;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "reason", length = MAX_REASON_LENGTH)
  private String reason;

  protected DeliveryReport() {}

  public DeliveryReport(
      UUID originalMessageId,
      UUID reportMessageId,
      ReportKind kind,
      String dispatchKey,
      List<String> recipients,
      Instant at) {
    this.id = UUID.randomUUID();
    this.originalMessageId = originalMessageId;
    this.reportMessageId = reportMessageId;
    this.kind = kind;
    this.dispatchKey = dispatchKey;
    this.recipients.addAll(recipients);
    this.createdAt = at;
    this.updatedAt = at;
  }

  public void delivered(Instant at) {
    this.state = ReportState.DELIVERED;
    this.updatedAt = at;
  }

  public void dropped(String why, Instant at) {
    this.state = ReportState.DROPPED;
    this.reason = why == null || why.length() <= MAX_REASON_LENGTH ? why : why.substring(0, 1000);
    this.updatedAt = at;
  }

  public UUID id() {
    return id;
  }

  public UUID originalMessageId() {
    return originalMessageId;
  }

  public UUID reportMessageId() {
    return reportMessageId;
  }

  public ReportKind kind() {
    return kind;
  }

  public String dispatchKey() {
    return dispatchKey;
  }

  public List<String> recipients() {
    return Collections.unmodifiableList(recipients);
  }

  public ReportState state() {
    return state;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public String reason() {
    return reason;
  }
}
