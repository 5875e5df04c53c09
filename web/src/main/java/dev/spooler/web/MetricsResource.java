package dev.spooler.web;

import dev.spooler.metrics.RecentSeries;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * This node's recent history for the console's charts: throughput, queue depth and latency over the
 * last hour, kept in memory. Long-term metrics are at the management interface's /prometheus.
 */
@Tag(name = "operations")
@Path("/metrics")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

  @Inject private RecentSeries series;

  @Operation(operationId = "recentMetrics", summary = "Read this node's last hour, step by step")
  @APIResponse(
      responseCode = "200",
      description = "Oldest point first",
      content = @Content(schema = @Schema(implementation = RecentSeries.Series.class)))
  @GET
  @Path("/recent")
  public RecentSeries.Series recent() {
    return series.series();
  }
}
