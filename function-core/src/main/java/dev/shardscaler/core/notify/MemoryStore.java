package dev.shardscaler.core.notify;

import dev.shardscaler.core.Deadline;
import java.util.List;

/** Where the notifier's {@link Memory} lives between passes. */
interface MemoryStore {

  /**
   * What was remembered.
   *
   * @throws MemoryUnavailableException saying why it could not be read (never a secret)
   */
  Loaded load(Deadline deadline);

  /**
   * Writes what changed since {@code before}.
   *
   * @throws MemoryUnavailableException saying why it could not be written
   */
  void save(Loaded before, Memory after, Deadline deadline);

  /**
   * @param version the store's version of what was read (a resourceVersion), or null
   * @param unreadable keys that could not be read: dropped at the next write
   */
  record Loaded(Memory memory, String version, List<String> unreadable) {}

  /** The memory could not be read or written; the message says why and what to do. */
  final class MemoryUnavailableException extends RuntimeException {
    MemoryUnavailableException(String message) {
      super(message);
    }
  }
}
