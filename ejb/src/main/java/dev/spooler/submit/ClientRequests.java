package dev.spooler.submit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;

/** The client requests kept beside accepted messages. Joins the caller's transaction. */
@ApplicationScoped
public class ClientRequests {

  @PersistenceContext private EntityManager em;

  void store(ClientRequest request) {
    em.persist(request);
  }

  public Optional<ClientRequest> of(UUID messageId) {
    return Optional.ofNullable(em.find(ClientRequest.class, messageId));
  }

  Optional<ClientRequest> withKey(String idempotencyKey) {
    if (idempotencyKey == null) {
      return Optional.empty();
    }
    return em.createQuery(
            "select r from ClientRequest r where r.idempotencyKey = :key", ClientRequest.class)
        .setParameter("key", idempotencyKey)
        .getResultStream()
        .findFirst();
  }
}
