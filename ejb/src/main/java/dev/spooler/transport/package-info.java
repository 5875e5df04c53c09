/**
 * The transport provider SPI and the dispatcher stage that drives providers. A provider sends one
 * message to a group of recipients and reports an outcome per recipient; the dispatcher records it.
 */
package dev.spooler.transport;
