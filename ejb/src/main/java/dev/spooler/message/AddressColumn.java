package dev.spooler.message;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores an {@link Address} as its typed text ({@code SMTP:bob@example.org}), so that an address is
 * parsed once, when it enters, and read back typed instead of being parsed again where it is used.
 */
@Converter
public class AddressColumn implements AttributeConverter<Address, String> {

  @Override
  public String convertToDatabaseColumn(Address address) {
    return address == null ? null : address.toString();
  }

  @Override
  public Address convertToEntityAttribute(String typed) {
    return typed == null ? null : Address.parse(typed);
  }
}
