package dev.shardscaler.core.targets;

import java.util.List;

/**
 * Reads bot tokens from their sources. Each platform brings the sources it can read; a source it
 * cannot read is a configuration problem named at start.
 */
public interface TokenResolver {

  /**
   * What is wrong with the source that can be told without a network call (a variable that is not
   * set, a file that cannot be read, a kind of source this platform does not read); empty when it
   * looks usable. Messages never show a token.
   */
  List<String> check(TokenSource source);

  /**
   * The token.
   *
   * @throws RuntimeException naming the source (never the value) when it cannot be read
   */
  String token(TokenSource source);

  /** Forgets what is cached for the source (Discord said 401: the token may have been rotated). */
  default void invalidate(TokenSource source) {}
}
