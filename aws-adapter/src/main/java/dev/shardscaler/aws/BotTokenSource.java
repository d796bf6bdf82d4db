package dev.shardscaler.aws;

/** Where the Discord bot token comes from: Secrets Manager, or the environment. */
interface BotTokenSource {
  /** The token; cached across warm invocations where fetching costs a call. */
  String token();

  /** Forgets a cached token (Discord said 401: it may have been rotated). */
  default void invalidate() {}

  /** {@code BOT_TOKEN} from the environment, as the seed project took it. */
  static BotTokenSource of(String token) {
    return () -> token;
  }
}
