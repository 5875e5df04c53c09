/**
 * Integration tests: the built EAR deployed on a real WildFly with its embedded Artemis broker and
 * the file-backed H2 store, GreenMail as the SMTP relay.
 */
package dev.spooler.it;
