package org.dpps.archive.platform.database;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The archive's persistence unit, described in code rather than {@code persistence.xml}: the
 * application, not the container, owns it, so its data source can come from configuration and its
 * entities from every module. No bytecode enhancement is registered.
 */
final class ArchivePersistenceUnit implements PersistenceUnitInfo {
  private final DataSource dataSource;
  private final List<String> classNames;
  private final Properties properties;
  private final ClassLoader classLoader;

  ArchivePersistenceUnit(
      DataSource dataSource, List<String> classNames, Properties properties, ClassLoader loader) {
    this.dataSource = dataSource;
    this.classNames = List.copyOf(classNames);
    this.properties = properties;
    this.classLoader = loader;
  }

  @Override
  public String getPersistenceUnitName() {
    return "archive";
  }

  @Override
  public String getPersistenceProviderClassName() {
    return "org.hibernate.jpa.HibernatePersistenceProvider";
  }

  @Override
  public PersistenceUnitTransactionType getTransactionType() {
    return PersistenceUnitTransactionType.RESOURCE_LOCAL;
  }

  @Override
  public DataSource getJtaDataSource() {
    return null;
  }

  @Override
  public DataSource getNonJtaDataSource() {
    return dataSource;
  }

  @Override
  public List<String> getMappingFileNames() {
    return List.of();
  }

  @Override
  public List<URL> getJarFileUrls() {
    return List.of();
  }

  @Override
  public URL getPersistenceUnitRootUrl() {
    return null;
  }

  @Override
  public List<String> getManagedClassNames() {
    return classNames;
  }

  @Override
  public boolean excludeUnlistedClasses() {
    return true;
  }

  @Override
  public SharedCacheMode getSharedCacheMode() {
    return SharedCacheMode.NONE;
  }

  @Override
  public ValidationMode getValidationMode() {
    return ValidationMode.NONE;
  }

  @Override
  public Properties getProperties() {
    return properties;
  }

  @Override
  public String getPersistenceXMLSchemaVersion() {
    return "3.1";
  }

  @Override
  public ClassLoader getClassLoader() {
    return classLoader;
  }

  @Override
  public void addTransformer(ClassTransformer transformer) {
    // no enhancement: it causes ClassCircularityError inside Payara
  }

  @Override
  public ClassLoader getNewTempClassLoader() {
    return classLoader;
  }
}
