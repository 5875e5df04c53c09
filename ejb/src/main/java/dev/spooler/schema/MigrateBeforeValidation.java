package dev.spooler.schema;

import javax.sql.DataSource;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Runs the migrations while Hibernate builds the persistence unit, on the unit's own data source.
 * Hibernate calls integrators before its schema validation ({@code hbm2ddl.auto=validate}), so the
 * tables are current when they are checked; anything in the application (a startup bean, a CDI
 * extension, a servlet listener) is not guaranteed to run before WildFly starts the unit.
 * Registered in {@code META-INF/services/org.hibernate.integrator.spi.Integrator}.
 */
public class MigrateBeforeValidation implements Integrator {

  @Override
  public void integrate(
      Metadata metadata,
      BootstrapContext bootstrapContext,
      SessionFactoryImplementor sessionFactory) {
    DataSource dataSource =
        sessionFactory
            .getServiceRegistry()
            .requireService(ConnectionProvider.class)
            .unwrap(DataSource.class);
    SchemaMigrations.migrate(dataSource);
  }

  @Override
  public void disintegrate(
      SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
    // Nothing to undo: the schema outlives the deployment.
  }
}
