/**
 * The spooler's interfaces to the outside: JAX-RS resources under {@code /api}. They call the ejb
 * module's services and never touch the entity manager.
 */
package dev.spooler.web;
