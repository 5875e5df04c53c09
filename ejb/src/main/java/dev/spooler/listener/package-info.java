/**
 * The SMTP listener, an entry point beside REST and JMS: authenticated submission (port 587, AUTH
 * only after STARTTLS, the sender rights of REST) into the submit facade, and an MX (port 25) that
 * takes mail for the local domains only and files it through the inbound path. A message is
 * answered 250 only after the transaction that stored it committed.
 */
package dev.spooler.listener;
