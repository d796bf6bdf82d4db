package dev.shardscaler.core;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The one JSON mapper of the project's public shapes (ScaleRequest in, ScaleResult out). */
public final class Json {
  public static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private Json() {}
}
