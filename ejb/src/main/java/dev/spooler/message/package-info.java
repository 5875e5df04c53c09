/**
 * The message store: submitted messages, their recipients with each recipient's durable delivery
 * state, and the queries that read them. Status transitions live on {@link
 * dev.spooler.message.Recipient} and nowhere else.
 */
package dev.spooler.message;
