package org.dpps.archive.planning.application;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dpps.archive.planning.domain.MigrationAction;
import org.dpps.archive.planning.domain.TileCompression;

/** The migration actions built into the archive (nom-tam-fits, through {@link TileCompression}). */
public final class BuiltInActions {
  public static final String COMPRESS = "fits-tile-compress";
  public static final String DECOMPRESS = "fits-tile-decompress";

  private BuiltInActions() {}

  public static List<MigrationAction> all(TileCompression tiles) {
    MigrationAction.Tool tool =
        new MigrationAction.Tool(
            "nom-tam-fits",
            tiles.libraryVersion().replaceFirst("^nom-tam-fits\\s+", ""),
            "built-in");
    return List.of(
        new MigrationAction() {
          @Override
          public String id() {
            return COMPRESS;
          }

          @Override
          public String description() {
            return "Uncompressed FITS images to tile-compressed FITS: Rice for integer images,"
                + " lossless GZIP_2 for floating-point ones; tables kept as they are";
          }

          @Override
          public Tool tool() {
            return tool;
          }

          @Override
          public void migrate(Path in, Path out, Path work) throws IOException {
            tiles.compress(in, out);
          }
        },
        new MigrationAction() {
          @Override
          public String id() {
            return DECOMPRESS;
          }

          @Override
          public String description() {
            return "Tile-compressed FITS images back to plain FITS image arrays";
          }

          @Override
          public Tool tool() {
            return tool;
          }

          @Override
          public void migrate(Path in, Path out, Path work) throws IOException {
            tiles.decompress(in, out);
          }
        });
  }
}
