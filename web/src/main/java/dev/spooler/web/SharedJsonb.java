package dev.spooler.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * One JSON-B instance for every response body. Without a resolver RESTEasy builds a new Jsonb for
 * each response (a ServiceLoader lookup, and serializers that are never cached): about 5% of the
 * server's CPU under load (docs/performance.md).
 */
@Provider
public class SharedJsonb implements ContextResolver<Jsonb> {

  private static final Jsonb JSON = JsonbBuilder.create();

  @Override
  public Jsonb getContext(Class<?> type) {
    return JSON;
  }
}
