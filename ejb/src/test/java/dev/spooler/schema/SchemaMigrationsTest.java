package dev.spooler.schema;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Entity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.junit.jupiter.api.Test;

/**
 * The migrations against the entities, in seconds rather than a server start: an empty H2 database,
 * the persistence unit's way of starting (the integrator migrates, then Hibernate validates). An
 * entity change without its migration fails here.
 */
class SchemaMigrationsTest {

  private static final String URL = "jdbc:h2:mem:schema-test;DB_CLOSE_DELAY=-1";

  @Test
  void everyEntityFindsItsTablesAfterTheMigrations() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(URL);
    StandardServiceRegistry registry =
        new StandardServiceRegistryBuilder()
            // A data source, as in the server, so that the integrator can hand it to Flyway.
            .applySetting("hibernate.connection.datasource", dataSource)
            .applySetting("hibernate.hbm2ddl.auto", "validate")
            // The API's JSON-B is on the test class path without an implementation; no entity
            // maps a JSON column.
            .applySetting("hibernate.type.json_format_mapper", new NoJsonColumns())
            .build();
    MetadataSources sources = new MetadataSources(registry);
    List<Class<?>> entities = entities();
    entities.forEach(sources::addAnnotatedClass);
    assertThat(entities).hasSizeGreaterThanOrEqualTo(6);

    try (SessionFactory factory = sources.buildMetadata().buildSessionFactory()) {
      assertThat(factory.getMetamodel().getEntities()).hasSameSizeAs(entities);
    }
  }

  @Test
  void aCurrentSchemaIsLeftAsItIs() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:schema-twice;DB_CLOSE_DELAY=-1");
    MigrateResult first = SchemaMigrations.migrate(dataSource);
    MigrateResult second = SchemaMigrations.migrate(dataSource);

    assertThat(first.migrationsExecuted).isPositive();
    assertThat(second.migrationsExecuted).isZero();
    assertThat(second.targetSchemaVersion).isNull(); // nothing to do: no target
  }

  private static final class NoJsonColumns implements FormatMapper {
    @Override
    public <T> T fromString(CharSequence text, JavaType<T> type, WrapperOptions options) {
      throw new UnsupportedOperationException("no JSON columns");
    }

    @Override
    public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
      throw new UnsupportedOperationException("no JSON columns");
    }
  }

  /** Every {@code @Entity} class of the spooler, found on the class path, not listed by hand. */
  private static List<Class<?>> entities() {
    try {
      // The main classes' directory, where SchemaMigrations itself was loaded from.
      Path classes =
          Path.of(
              SchemaMigrations.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (Stream<Path> files = Files.walk(classes.resolve("dev/spooler"))) {
        return files
            .filter(f -> f.toString().endsWith(".class"))
            .map(f -> classes.relativize(f).toString())
            .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
            .<Class<?>>map(SchemaMigrationsTest::load)
            .filter(c -> c.isAnnotationPresent(Entity.class))
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, SchemaMigrationsTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
