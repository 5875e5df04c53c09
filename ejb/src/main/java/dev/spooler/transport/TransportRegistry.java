package dev.spooler.transport;

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
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Which transport provider registered which address type, as the MAPI spooler keeps it. Providers
 * are CDI beans discovered at deployment; two providers claiming one type is a deployment error. A
 * provider is switched off with {@code spooler.transport.NAME.enabled=false}.
 */
@ApplicationScoped
public class TransportRegistry {

  @Inject @Any private Instance<TransportProvider> discovered;

  private final Map<String, TransportProvider> byAddressType = new LinkedHashMap<>();
  private final Map<String, TransportProvider> byName = new LinkedHashMap<>();

  @PostConstruct
  void register() {
    Config config = ConfigProvider.getConfig();
    for (TransportProvider provider : discovered) {
      if (byName.putIfAbsent(provider.name(), provider) != null) {
        throw new IllegalStateException("two transport providers are named " + provider.name());
      }
      boolean enabled =
          config
              .getOptionalValue("spooler.transport." + provider.name() + ".enabled", Boolean.class)
              .orElse(true);
      if (!enabled) {
        continue; // listed, but routes nothing: its address types have no transport
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

  /** The enabled provider that registered this address type. */
  public Optional<TransportProvider> forAddressType(String type) {
    return Optional.ofNullable(byAddressType.get(type));
  }

  public Optional<TransportProvider> named(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<TransportProvider> providers() {
    return Collections.unmodifiableCollection(byName.values());
  }

  public boolean isEnabled(TransportProvider provider) {
    return byAddressType.containsValue(provider);
  }

  /** True when every one of these address types goes to a provider that delivers in-transaction. */
  public boolean deliverInTransaction(Collection<String> addressTypes) {
    return addressTypes.stream()
        .allMatch(
            t -> forAddressType(t).map(TransportProvider::deliversInTransaction).orElse(false));
  }
}
