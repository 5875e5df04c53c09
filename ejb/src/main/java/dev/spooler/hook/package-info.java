/**
 * Pluggable pre- and post-processing, as the MAPI spooler runs it around its transports: the SPI
 * {@link dev.spooler.hook.MessageHook}, the verdicts a hook may give, and the chain that runs the
 * deployed hooks in order.
 */
package dev.spooler.hook;
