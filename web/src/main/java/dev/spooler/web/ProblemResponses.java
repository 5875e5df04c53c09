package dev.spooler.web;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the OpenAPI document (mp.openapi.filter): every operation that needs credentials may
 * answer 401 and 403 (the container's and the resources' refusals, both problem+json), which would
 * otherwise have to be repeated on each of them; every operation that takes a body may answer 413
 * (RequestSizeLimit covers the whole API) and 415 (a body that is not JSON, or not UTF-8); a public
 * operation (marked with an empty {@code @SecurityRequirements}) says so with an empty requirement,
 * which the generator would otherwise drop; the server is this one, as the client reached it (a
 * relative URL); the empty objects the annotations leave (license, contact, external docs) are
 * filled in.
 */
public class ProblemResponses implements OASFilter {

  private static final Map<String, String> REFUSALS =
      Map.of("401", SpoolerApi.UNAUTHORIZED, "403", SpoolerApi.FORBIDDEN);

  private static final Map<String, String> BODY_REFUSALS =
      Map.of("413", SpoolerApi.TOO_LARGE, "415", SpoolerApi.UNSUPPORTED);

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    openAPI.setServers(
        List.of(
            OASFactory.createServer()
                .url("/")
                .description("This server, at the address the document was read from")));
    // The annotations leave these as empty objects, which the schema refuses: filled in instead.
    openAPI.setExternalDocs(
        OASFactory.createExternalDocumentation()
            .description("Try the API in this server's explorer (Swagger UI)")
            .url("/explorer/"));
    openAPI
        .getInfo()
        .license(OASFactory.createLicense().name("No license granted (all rights reserved)"))
        .contact(OASFactory.createContact().name("Spooler operators"));
    if (openAPI.getPaths() == null) {
      return;
    }
    for (PathItem path : openAPI.getPaths().getPathItems().values()) {
      for (Operation operation : path.getOperations().values()) {
        boolean isPublic = operation.getSecurity() != null && operation.getSecurity().isEmpty();
        if (isPublic) {
          operation.setSecurity(List.of(OASFactory.createSecurityRequirement()));
        } else {
          addRefusals(operation.getResponses(), REFUSALS);
        }
        if (operation.getRequestBody() != null) {
          addRefusals(operation.getResponses(), BODY_REFUSALS);
        }
      }
    }
  }

  private static void addRefusals(APIResponses responses, Map<String, String> refusals) {
    refusals.forEach(
        (code, name) -> {
          if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(
                code, OASFactory.createAPIResponse().ref("#/components/responses/" + name));
          }
        });
  }
}
