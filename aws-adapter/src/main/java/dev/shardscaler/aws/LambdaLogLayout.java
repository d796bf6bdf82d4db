package dev.shardscaler.aws;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One CloudWatch event per log line: {@code LEVEL requestId logger - message}, newlines in the
 * message folded to spaces, a stack trace folded onto the same line with {@code " | "}. CloudWatch
 * adds the time. The line the pattern {@code %-5level %X{requestId:-} %logger{36} -
 * %replace(%msg){'[\r\n]+', ' '}%replace(%ex{full}){'[\r\n\t]+', ' | '}%nopex%n} writes, built
 * without logback's pattern parser (one fewer step on every cold start).
 */
public final class LambdaLogLayout extends LayoutBase<ILoggingEvent> {
  static final String REQUEST_ID = "requestId";
  private static final Pattern MESSAGE_BREAKS = Pattern.compile("[\r\n]+");
  private static final Pattern STACK_BREAKS = Pattern.compile("[\r\n\t]+");

  private final TargetLengthBasedClassNameAbbreviator abbreviator =
      new TargetLengthBasedClassNameAbbreviator(36);
  private final ThrowableProxyConverter stackTrace = new ThrowableProxyConverter();

  @Override
  public void start() {
    stackTrace.setOptionList(List.of("full"));
    stackTrace.setContext(getContext());
    stackTrace.start();
    super.start();
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(128);
    String level = event.getLevel().toString();
    line.append(level).append(" ".repeat(Math.max(0, 5 - level.length()))).append(' ');
    String requestId = event.getMDCPropertyMap().get(REQUEST_ID);
    line.append(requestId == null ? "" : requestId).append(' ');
    line.append(abbreviator.abbreviate(event.getLoggerName())).append(" - ");
    line.append(MESSAGE_BREAKS.matcher(event.getFormattedMessage()).replaceAll(" "));
    if (event.getThrowableProxy() != null) {
      line.append(STACK_BREAKS.matcher(stackTrace.convert(event)).replaceAll(" | "));
    }
    return line.append(CoreConstants.LINE_SEPARATOR).toString();
  }
}
