package dev.shardscaler.core.config;

import java.util.regex.Pattern;

/** Syntax checks for Kubernetes object names and environment variable names. */
public final class Names {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Names() {}

  public static boolean isDnsLabel(String value) {
    return value.length() <= 63 && DNS_LABEL.matcher(value).matches();
  }

  public static boolean isDnsSubdomain(String value) {
    return value.length() <= 253 && DNS_SUBDOMAIN.matcher(value).matches();
  }

  public static boolean isEnvName(String value) {
    return ENV_NAME.matcher(value).matches();
  }
}
