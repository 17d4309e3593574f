package org.dpps.archive.access.infrastructure.fits;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dpps.archive.access.domain.GadfFiles;

/**
 * The {@link GadfFiles} of nom-tam-fits: headers read by {@link GadfHeaders}, index tables written
 * by {@link GadfIndexTables}.
 */
@ApplicationScoped
public class FitsGadfFiles implements GadfFiles {
  public FitsGadfFiles() {}

  @Override
  public List<Hdu> hdus(Path file) throws IOException {
    return GadfHeaders.read(file);
  }

  @Override
  public byte[] hduIndex(List<HduRow> rows) {
    return GadfIndexTables.hduIndex(rows);
  }

  @Override
  public byte[] obsIndex(List<Observation> observations) {
    return GadfIndexTables.obsIndex(observations);
  }
}
