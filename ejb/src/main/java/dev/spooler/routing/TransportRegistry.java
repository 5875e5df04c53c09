package dev.spooler.routing;

import dev.spooler.transport.TransportProvider;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which transport provider registered which address type, as the MAPI spooler keeps it. Providers
 * are CDI beans discovered at deployment; two providers claiming one type is a deployment error.
 */
@ApplicationScoped
public class TransportRegistry {

  @Inject @Any private Instance<TransportProvider> discovered;

  private final Map<String, TransportProvider> byAddressType = new LinkedHashMap<>();
  private final Map<String, TransportProvider> byName = new LinkedHashMap<>();

  @PostConstruct
  void register() {
    for (TransportProvider provider : discovered) {
      if (byName.putIfAbsent(provider.name(), provider) != null) {
        throw new IllegalStateException("two transport providers are named " + provider.name());
      }
      for (String type : provider.addressTypes()) {
        TransportProvider previous = byAddressType.putIfAbsent(type, provider);
        if (previous != null) {
          throw new IllegalStateException(
              "address type "
                  + type
                  + " is claimed by both "
                  + previous.name()
                  + " and "
                  + provider.name());
        }
      }
    }
  }

  public Optional<TransportProvider> forAddressType(String type) {
    return Optional.ofNullable(byAddressType.get(type));
  }

  public Optional<TransportProvider> named(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<TransportProvider> providers() {
    return Collections.unmodifiableCollection(byName.values());
  }
}
