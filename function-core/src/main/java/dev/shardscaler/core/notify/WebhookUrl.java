package dev.shardscaler.core.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A webhook URL: a secret like the bot token (whoever has a Discord webhook URL may post to the
 * channel). Its only way out is {@link #uri()}, called where the request is built; {@code toString}
 * never shows it, and problems about it never quote it.
 */
public final class WebhookUrl {
  private static final Pattern DISCORD_PATH =
      Pattern.compile("/api(/v\\d+)?/webhooks/\\d+/[A-Za-z0-9_-]+");

  private final URI uri;

  private WebhookUrl(URI uri) {
    this.uri = uri;
  }

  /**
   * The URL, or null with the reason in {@code problem[0]}: https, or plain http to a loopback
   * address only (a local relay); for Discord, the path of an execute-webhook URL.
   */
  static WebhookUrl parse(String key, String text, boolean discord, String[] problem) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      uri = null;
    }
    String scheme = uri == null ? null : uri.getScheme();
    boolean http = "http".equals(scheme) && uri.getHost() != null && loopback(uri.getHost());
    if (uri == null || uri.getHost() == null || !("https".equals(scheme) || http)) {
      problem[0] =
          key
              + " must be an https URL (plain http only to a loopback address; the URL is a"
              + " secret and would cross the network in clear) (value not shown)";
      return null;
    }
    if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      problem[0] = key + " must not carry user info or a fragment (value not shown)";
      return null;
    }
    if (discord
        && (uri.getRawPath() == null || !DISCORD_PATH.matcher(uri.getRawPath()).matches())) {
      problem[0] =
          key
              + " must be a Discord webhook URL, https://discord.com/api/webhooks/<id>/<token>"
              + " (channel settings → Integrations → Webhooks → Copy Webhook URL) (value not"
              + " shown)";
      return null;
    }
    return new WebhookUrl(uri);
  }

  public URI uri() {
    return uri;
  }

  /** Replaces the URL, and its path (which holds the webhook's token), in {@code text}. */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String scrubbed = text.replace(uri.toString(), "[webhook URL]");
    String path = uri.getRawPath();
    return path == null || path.length() < 8 ? scrubbed : scrubbed.replace(path, "[webhook path]");
  }

  private static boolean loopback(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    return name.equals("localhost")
        || name.equals("[::1]")
        || name.equals("::1")
        || name.matches("127(\\.\\d{1,3}){3}");
  }

  @Override
  public String toString() {
    return "WebhookUrl[redacted]";
  }
}
