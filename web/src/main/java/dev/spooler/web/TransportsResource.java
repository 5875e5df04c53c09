package dev.spooler.web;

import dev.spooler.ops.TransportOverview;
import dev.spooler.ops.TransportStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The transport registry: which provider handles which address types, its health and counters. */
@Path("/transports")
@RequestScoped
public class TransportsResource {

  @EJB private TransportOverview overview;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<TransportStatus> transports() {
    return overview.transports();
  }
}
