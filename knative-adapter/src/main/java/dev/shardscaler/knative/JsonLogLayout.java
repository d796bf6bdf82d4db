package dev.shardscaler.knative;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import com.google.gson.JsonObject;
import dev.shardscaler.core.Json;
import java.time.Instant;

/**
 * One JSON object per log line, with Elastic Common Schema field names, so that Kubernetes log
 * stacks (Fluent Bit, Vector, Cloud Logging) parse it. Independent of Spring, so the one-shot mode
 * logs the same way as the HTTP app.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {

  @Override
  public String doLayout(ILoggingEvent event) {
    JsonObject line = new JsonObject();
    line.addProperty("@timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
    line.addProperty("log.level", event.getLevel().toString());
    line.addProperty("log.logger", event.getLoggerName());
    line.addProperty("process.thread.name", event.getThreadName());
    line.addProperty("service.name", "shardscaler");
    line.addProperty("message", event.getFormattedMessage());
    IThrowableProxy error = event.getThrowableProxy();
    if (error != null) {
      line.addProperty("error.type", error.getClassName());
      line.addProperty("error.message", error.getMessage());
      line.addProperty("error.stack_trace", ThrowableProxyUtil.asString(error));
    }
    return Json.GSON.toJson(line) + CoreConstants.LINE_SEPARATOR;
  }
}
