package org.dpps.archive.platform.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import org.dpps.archive.platform.config.PlatformSettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The job runner's configuration: {@code archive.jobs.node} (this node's name in leases; default
 * host name and data directory), {@code archive.jobs.lease-seconds} (default 60: a job whose node
 * stops renewing its lease for that long is taken over), {@code archive.jobs.poll-millis} (default
 * 2000: how often the runner looks for due jobs when nobody wakes it).
 */
@ApplicationScoped
public class JobSettings {
  private String node;
  private Duration lease;
  private Duration poll;

  protected JobSettings() {}

  @Inject
  public JobSettings(
      PlatformSettings platform,
      @ConfigProperty(name = "archive.jobs.node") Optional<String> node,
      @ConfigProperty(name = "archive.jobs.lease-seconds", defaultValue = "60") int leaseSeconds,
      @ConfigProperty(name = "archive.jobs.poll-millis", defaultValue = "2000") int pollMillis) {
    this(
        node.filter(s -> !s.isBlank()).orElseGet(() -> hostName() + ":" + platform.home()),
        Duration.ofSeconds(Math.max(3, leaseSeconds)),
        Duration.ofMillis(Math.max(50, pollMillis)));
  }

  /** Settings for tests and tools. */
  public JobSettings(String node, Duration lease, Duration poll) {
    this.node = node;
    this.lease = lease;
    this.poll = poll;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  public String node() {
    return node;
  }

  public Duration lease() {
    return lease;
  }

  public Duration poll() {
    return poll;
  }
}
