package dev.spooler.schema;

import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** The store's migrations, applied to a data source: every pending version, in order, once. */
public final class SchemaMigrations {

  /** Where the scripts live on the class path. */
  public static final String LOCATION = "classpath:db/migration";

  private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

  private SchemaMigrations() {}

  /**
   * Brings the schema of {@code dataSource} to the latest version. Two nodes starting together are
   * safe: Flyway locks its history table, so the second waits and then finds nothing to do.
   */
  public static MigrateResult migrate(DataSource dataSource) {
    MigrateResult result =
        Flyway.configure(SchemaMigrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations(LOCATION)
            .failOnMissingLocations(true)
            .load()
            .migrate();
    LOG.info(
        () ->
            "schema at version "
                + result.targetSchemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations applied now, "
                + result.database
                + ")");
    return result;
  }
}
