/**
 * Who may submit as whom. Authentication and roles are the server's (Elytron, README "Security");
 * this package decides which sender addresses an authenticated principal may use.
 */
package dev.spooler.security;
