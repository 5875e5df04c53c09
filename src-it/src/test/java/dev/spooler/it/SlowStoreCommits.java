package dev.spooler.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Makes every commit that changes a recipient take a while longer in one PostgreSQL schema (a
 * deferred constraint trigger that sleeps at commit), as a slow disk or a busy database would. The
 * database is the last resource of the stages' XA transactions, committed after the broker has
 * prepared: a node killed at any moment then leaves transactions prepared at the broker, instead of
 * in one run of four.
 */
final class SlowStoreCommits {

  private SlowStoreCommits() {}

  /** Installs the trigger in {@code schema} of the database at {@code jdbcUrl} (psql). */
  static void install(String jdbcUrl, String user, String password, String schema)
      throws IOException, InterruptedException {
    String sql =
        """
        create or replace function %1$s.slow_commit() returns trigger language plpgsql
            as $$ begin perform pg_sleep(0.3); return null; end $$;
        create constraint trigger slow_commit after update on %1$s.spool_recipient
            deferrable initially deferred for each row execute function %1$s.slow_commit();
        """
            .formatted(schema);
    String database = jdbcUrl.replaceFirst("^jdbc:", "").replaceFirst("\\?.*$", "");
    ProcessBuilder builder =
        new ProcessBuilder(
                "psql", "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--dbname=" + database)
            .redirectErrorStream(true);
    builder.environment().put("PGUSER", user);
    builder.environment().put("PGPASSWORD", password);
    Process psql = builder.start();
    psql.getOutputStream().write(sql.getBytes(StandardCharsets.UTF_8));
    psql.getOutputStream().close();
    String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!psql.waitFor(1, TimeUnit.MINUTES) || psql.exitValue() != 0) {
      throw new IllegalStateException("psql could not install the slow commits: " + output);
    }
  }
}
