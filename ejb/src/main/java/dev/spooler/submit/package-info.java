/**
 * Submission: the one shape of a message a client hands in, its validation, and the facade that
 * accepts it (the message's rows and its JMS message commit together, or neither).
 */
package dev.spooler.submit;
