/**
 * Routing: MAPI-style typed addresses, the registry of which transport provider handles which
 * address type, and the pre-process stage that hands each recipient to its provider.
 */
package dev.spooler.routing;
