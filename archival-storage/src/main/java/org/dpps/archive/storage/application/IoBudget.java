package org.dpps.archive.storage.application;

import java.util.concurrent.locks.LockSupport;

/**
 * A read budget in bytes per second shared by every thread of an audit, so that audits never starve
 * ingest and access. A token bucket holding at most a quarter second of budget; 0 means unlimited.
 */
public final class IoBudget {
  private final long bytesPerSecond;
  private final long capacity;
  private double tokens;
  private long last = System.nanoTime();

  public IoBudget(long bytesPerSecond) {
    this.bytesPerSecond = Math.max(0, bytesPerSecond);
    this.capacity = Math.max(1 << 20, this.bytesPerSecond / 4);
    this.tokens = 0;
  }

  public static IoBudget unlimited() {
    return new IoBudget(0);
  }

  public long bytesPerSecond() {
    return bytesPerSecond;
  }

  /** Takes {@code bytes} from the budget, sleeping until they are available. */
  public void acquire(long bytes) {
    if (bytesPerSecond == 0 || bytes <= 0) {
      return;
    }
    long waitNanos;
    synchronized (this) {
      refill();
      tokens -= bytes;
      waitNanos = tokens >= 0 ? 0 : (long) (-tokens * 1e9 / bytesPerSecond);
    }
    long deadline = System.nanoTime() + waitNanos;
    while (waitNanos > 0) {
      LockSupport.parkNanos(waitNanos);
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        return;
      }
      waitNanos = deadline - System.nanoTime();
    }
  }

  private void refill() {
    long now = System.nanoTime();
    tokens = Math.min(capacity, tokens + (now - last) * (double) bytesPerSecond / 1e9);
    last = now;
  }

  @Override
  public String toString() {
    return bytesPerSecond == 0 ? "unlimited" : (bytesPerSecond / 1e6) + " MB/s";
  }
}
