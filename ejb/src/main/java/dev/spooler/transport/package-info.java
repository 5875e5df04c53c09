/**
 * The transport provider SPI: a provider registers the address types it handles, sends one message
 * to a group of recipients and reports exactly one outcome per recipient. {@link
 * dev.spooler.transport.TransportRegistry} finds the provider of an address type.
 */
package dev.spooler.transport;
