/**
 * Routing: the pre-process stage and the route on accept, which run the pre-processing hooks and
 * hand each recipient to the transport provider that registered its address type.
 */
package dev.spooler.routing;
