package org.dpps.archive.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.dpps.archive.tests.support.ArchiveClient;
import org.dpps.archive.tests.support.ArchiveServer;
import org.dpps.archive.tests.support.Bags;
import org.dpps.archive.tests.support.DiskSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A replica on a real, nearly full file system (a 24 MiB tmpfs mounted for the test): a deposit
 * that does not fit is rejected with STORAGE-002, and every version it had already written, on
 * either replica, is rolled back; what was stored before is untouched and still verifies.
 */
class FullDiskIT {
  private static Path mount;
  private static boolean mounted;
  private static ArchiveServer server;
  private static ArchiveClient api;

  @BeforeAll
  static void mountSmallFileSystem() throws Exception {
    Path work = Path.of(System.getProperty("archive.test.work", "target/e2e")).toAbsolutePath();
    Files.createDirectories(work);
    mount = Files.createTempDirectory(work, "small-fs-");
    mounted = run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mount.toString()) == 0;
    if (System.getenv("CI") != null && System.getenv("CI").equals("true")) {
      assertThat(mounted).as("CI runs as root and can mount a tmpfs for this test").isTrue();
    }
    assumeTrue(mounted, "cannot mount a tmpfs here (needs root); full-disk test skipped");
    server =
        ArchiveServer.create(
            List.of(
                "-Darchive.audit.scheduler.enabled=false",
                "-Darchive.storage.replicas=r1=ocfl,r2=" + mount.resolve("r2")));
    server.start();
    api = new ArchiveClient(server);
  }

  @AfterAll
  static void unmount() throws Exception {
    if (server != null) {
      server.close();
    }
    if (mounted) {
      run("umount", mount.toString());
    }
  }

  @Test
  void aDepositThatDoesNotFitIsRejectedAndStorageIsLeftAsItWas() {
    Random random = new Random(42);
    byte[] small = new byte[2 << 20];
    random.nextBytes(small);
    JsonNode first =
        api.depositArchived(Bags.aBag().withFile("data/small.bin", small).zip(), "application/zip");
    String smallId = ArchiveClient.products(first).get(0).path("productId").asText();

    DiskSnapshot r1Before = DiskSnapshot.of(server.replicaRoot("r1"));
    DiskSnapshot r2Before = DiskSnapshot.of(mount.resolve("r2"));

    // three products of 9 MiB: the first fits on the small file system, the second does not
    Bags big = Bags.aBag();
    for (int i = 0; i < 3; i++) {
      byte[] payload = new byte[9 << 20];
      random.nextBytes(payload);
      big.withFile("data/big-" + i + ".bin", payload);
    }
    JsonNode rejected = api.depositRejected(big.tar(), "application/x-tar");

    assertThat(rejected.path("problems").get(0).path("code").asText())
        .as("problems of %s", rejected)
        .isEqualTo("STORAGE-002");
    assertThat(rejected.path("problems").get(0).path("detail").asText())
        .containsIgnoringCase("space");
    assertThat(DiskSnapshot.of(server.replicaRoot("r1")).files())
        .as("r1 as before: versions written by the rejected deposit were rolled back")
        .isEqualTo(r1Before.files());
    assertThat(DiskSnapshot.of(mount.resolve("r2")).files())
        .as("r2 as before")
        .isEqualTo(r2Before.files());
    assertThat(api.get("/api/v1/products/" + smallId + "/files/small.bin").body()).isEqualTo(small);
    assertThat(api.get("/api/v1/events/verify").json().path("valid").asBoolean()).isTrue();

    // the archive still works: a deposit that fits is archived on both replicas
    byte[] again = new byte[1 << 20];
    random.nextBytes(again);
    JsonNode ok =
        api.depositArchived(Bags.aBag().withFile("data/again.bin", again).zip(), "application/zip");
    assertThat(ok.path("state").asText()).isEqualTo("ARCHIVED");
    assertThat(DiskSnapshot.of(mount.resolve("r2")).files())
        .as("the copy on r2")
        .isEqualTo(DiskSnapshot.of(server.replicaRoot("r1")).files());
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }
}
