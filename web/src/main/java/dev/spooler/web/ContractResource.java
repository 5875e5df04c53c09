package dev.spooler.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** The JMS contract as an AsyncAPI document, kept beside the code it describes. */
@Path("/asyncapi.yaml")
@RequestScoped
public class ContractResource {

  static final String YAML = "application/yaml";

  @GET
  @Produces(YAML)
  public Response asyncApi() {
    InputStream document = ContractResource.class.getResourceAsStream("asyncapi.yaml");
    if (document == null) {
      throw new IllegalStateException("asyncapi.yaml is missing from the web module");
    }
    return Response.ok(document, YAML).build();
  }
}
