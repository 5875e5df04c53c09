/**
 * The message store's schema: versioned migrations ({@code db/migration/V<n>__<what>.sql}, one
 * script for H2 and PostgreSQL), applied by Flyway when the persistence unit starts, before
 * Hibernate validates the entities against the tables.
 */
package dev.spooler.schema;
