/**
 * Hooks shipped with the spooler, each off until configured: address rewriting, DKIM signing, size
 * limit, trace headers and inbox rules.
 */
package dev.spooler.hook.builtin;
