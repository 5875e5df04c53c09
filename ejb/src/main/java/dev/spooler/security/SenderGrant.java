package dev.spooler.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** An administrator's grant: {@code principal} may submit with a From matching {@code pattern}. */
@Entity
@Table(name = "spool_sender_grant")
public class SenderGrant {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "spool_sender_grant_seq")
  @SequenceGenerator(name = "spool_sender_grant_seq", allocationSize = 1)
  private long id;

  @Column(nullable = false, length = 200)
  private String principal;

  @Column(nullable = false, length = 330)
  private String pattern;

  @Column(name = "granted_at", nullable = false)
  private Instant grantedAt;

  @Column(name = "granted_by", length = 200)
  private String grantedBy;

  protected SenderGrant() {}

  SenderGrant(String principal, SenderPattern pattern, Instant grantedAt, String grantedBy) {
    this.principal = principal;
    this.pattern = pattern.toString();
    this.grantedAt = grantedAt;
    this.grantedBy = grantedBy;
  }

  public String principal() {
    return principal;
  }

  public SenderPattern pattern() {
    return SenderPattern.parse(pattern);
  }

  public Instant grantedAt() {
    return grantedAt;
  }

  public String grantedBy() {
    return grantedBy;
  }
}
