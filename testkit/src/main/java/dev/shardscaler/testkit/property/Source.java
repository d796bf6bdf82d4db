package dev.shardscaler.testkit.property;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * The random values of one try, from a {@link SplittableRandom} seeded for that try alone, so that
 * the same seed always gives the same values. Numbers in a range come with their edges mixed in:
 * now and then the bounds, or 0, 1, -1 and the type's MIN/MAX when they lie in the range, the
 * values where off-by-one and overflow bugs live and that uniform draws almost never hit.
 */
public final class Source {
  /** How often a number is an edge instead of a uniform draw. */
  static final double EDGE_RATE = 0.05;

  public static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final SplittableRandom random;

  public Source(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** An int from {@code min} to {@code max}, both included, edges mixed in. */
  public int ints(int min, int max) {
    return (int) longs(min, max, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** A long from {@code min} to {@code max}, both included, edges mixed in. */
  public long longs(long min, long max) {
    return longs(min, max, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  private long longs(long min, long max, long typeMin, long typeMax) {
    if (min > max) {
      throw new IllegalArgumentException("empty range: " + min + " to " + max);
    }
    if (random.nextDouble() < EDGE_RATE) {
      long[] edges =
          LongStream.of(min, max, 0, 1, -1, typeMin, typeMax)
              .filter(edge -> edge >= min && edge <= max)
              .toArray();
      return edges[random.nextInt(edges.length)];
    }
    return uniform(min, max);
  }

  /** Uniform from {@code min} to {@code max} included, without edges (for choices). */
  private long uniform(long min, long max) {
    if (max < Long.MAX_VALUE) {
      return random.nextLong(min, max + 1);
    }
    return min == Long.MIN_VALUE ? random.nextLong() : random.nextLong(min - 1, max) + 1;
  }

  public boolean bool() {
    return random.nextBoolean();
  }

  /** True with the given probability (0 to 1). */
  public boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  /** One of the values (null among them too), each as likely. */
  @SafeVarargs
  public final <T> T oneOf(T... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("nothing to choose from");
    }
    return values[random.nextInt(values.length)];
  }

  /** One of the values, each as likely (the list may hold nulls). */
  public <T> T oneOf(List<? extends T> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("nothing to choose from");
    }
    return values.get(random.nextInt(values.size()));
  }

  /** One alternative's value, chosen with a probability of its weight over all weights. */
  @SafeVarargs
  public final <T> T frequency(Weighted<? extends T>... alternatives) {
    long total = 0;
    for (Weighted<? extends T> alternative : alternatives) {
      total += alternative.weight();
    }
    if (total == 0) {
      throw new IllegalArgumentException("the weights add up to 0");
    }
    long pick = random.nextLong(total);
    for (Weighted<? extends T> alternative : alternatives) {
      pick -= alternative.weight();
      if (pick < 0) {
        return alternative.generator().next(this);
      }
    }
    throw new AssertionError("unreachable: pick within the total");
  }

  /** Null with probability {@code nullProbability}, else the generator's value. */
  public <T> T nullable(double nullProbability, Generator<? extends T> generator) {
    return chance(nullProbability) ? null : generator.next(this);
  }

  /** From {@code minSize} to {@code maxSize} values of the generator. */
  public <T> List<T> lists(int minSize, int maxSize, Generator<? extends T> generator) {
    int size = (int) uniform(minSize, maxSize);
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(generator.next(this));
    }
    return list;
  }

  /** Up to {@code maxSize} bytes of any value. */
  public byte[] bytes(int maxSize) {
    byte[] bytes = new byte[(int) uniform(0, maxSize)];
    random.nextBytes(bytes);
    return bytes;
  }

  /**
   * Up to {@code maxLength} chars of any kind: printable ASCII mostly, and control characters (C0,
   * DEL, C1), any BMP char, lone surrogates, supplementary code points as pairs, and the odd ones
   * (U+0000, U+2028, U+FEFF, U+FFFF).
   */
  public String strings(int maxLength) {
    int length = (int) uniform(0, maxLength);
    StringBuilder text = new StringBuilder(length);
    while (text.length() < length) {
      int kind = random.nextInt(100);
      if (kind < 50) {
        text.append((char) uniform(0x20, 0x7E));
      } else if (kind < 60) {
        int control = (int) uniform(0x00, 0x20);
        text.append((char) (control == 0x20 ? 0x7F : control));
      } else if (kind < 65) {
        text.append((char) uniform(0x80, 0x9F));
      } else if (kind < 80) {
        text.append((char) uniform(0x0000, 0xFFFF));
      } else if (kind < 90) {
        text.append((char) uniform(Character.MIN_SURROGATE, Character.MAX_SURROGATE));
      } else if (kind < 97 && text.length() + 2 <= length) {
        text.appendCodePoint((int) uniform(Character.MIN_SUPPLEMENTARY_CODE_POINT, 0x10FFFF));
      } else {
        text.append((char) oneOf('\u0000', '\u2028', '\uFEFF', '\uFFFF'));
      }
    }
    return text.toString();
  }

  /** Up to {@code maxLength} code points, each drawn from {@code alphabet}. */
  public String strings(int maxLength, String alphabet) {
    int[] codePoints = alphabet.codePoints().toArray();
    int length = (int) uniform(0, maxLength);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
    }
    return text.toString();
  }
}
