package dev.shardscaler.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * An AWS API to test against, on this machine: LocalStack through Testcontainers where a Docker
 * engine runs, otherwise {@code moto_server} as a subprocess on a free loopback port. Both take any
 * static credentials in us-east-1. Never skipped: with neither, the test fails saying so.
 *
 * <p>EKS is not part of LocalStack's community image, so the EKS backend is moto either way (the
 * {@code motoserver/moto} image under Docker when {@code moto_server} is not installed).
 */
final class AwsBackend implements AutoCloseable {
  static final String LOCALSTACK_IMAGE = "localstack/localstack:4.9";
  static final String MOTO_IMAGE = "motoserver/moto:5.1.14";

  private final String name;
  private final URI endpoint;
  private final Runnable stop;

  private AwsBackend(String name, URI endpoint, Runnable stop) {
    this.name = name;
    this.endpoint = endpoint;
    this.stop = stop;
  }

  /** For Secrets Manager: LocalStack under Docker, else moto_server. */
  static AwsBackend forSecretsManager() {
    if (DockerClientFactory.instance().isDockerAvailable()) {
      LocalStackContainer localStack =
          new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE))
              .withServices("secretsmanager");
      localStack.start();
      return new AwsBackend(
          "LocalStack " + LOCALSTACK_IMAGE, localStack.getEndpoint(), localStack::stop);
    }
    return motoServer();
  }

  /** For EKS: moto_server, else the moto image under Docker. */
  static AwsBackend forEks() {
    if (MotoServer.installed() != null) {
      return motoServer();
    }
    if (DockerClientFactory.instance().isDockerAvailable()) {
      GenericContainer<?> moto =
          new GenericContainer<>(DockerImageName.parse(MOTO_IMAGE)).withExposedPorts(5000);
      moto.start();
      URI endpoint = URI.create("http://" + moto.getHost() + ":" + moto.getMappedPort(5000));
      return new AwsBackend("moto container " + MOTO_IMAGE, endpoint, moto::stop);
    }
    throw new IllegalStateException(
        "no AWS API to test against: neither moto_server (pip install 'moto[server]') nor a"
            + " Docker engine is available");
  }

  private static AwsBackend motoServer() {
    Path command = MotoServer.installed();
    if (command == null) {
      throw new IllegalStateException(
          "no AWS API to test against: no Docker engine for LocalStack, and moto_server is not"
              + " on PATH (pip install 'moto[server]')");
    }
    MotoServer server = MotoServer.start(command);
    return new AwsBackend("moto_server " + command, server.endpoint, server::close);
  }

  String name() {
    return name;
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    stop.run();
  }

  /** {@code moto_server -H 127.0.0.1 -p PORT} as a subprocess. */
  static final class MotoServer implements AutoCloseable {
    final Process process;
    final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
      this.process = process;
      this.endpoint = endpoint;
    }

    static Path installed() {
      for (String dir :
          System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir, "moto_server");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
      return null;
    }

    static MotoServer start(Path command) {
      int port = freePort();
      try {
        Path log = Files.createTempFile("moto_server", ".log");
        Process process =
            new ProcessBuilder(command.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
          if (!process.isAlive()) {
            throw new IllegalStateException(
                "moto_server exited at start: " + Files.readString(log));
          }
          if (listening(port)) {
            return new MotoServer(process, URI.create("http://127.0.0.1:" + port));
          }
          Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("moto_server did not listen on " + port + " in 30 s");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private static boolean listening(int port) {
      Socket socket = new Socket();
      try (socket) {
        socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return true;
      } catch (IOException notYet) {
        return false;
      }
    }

    private static int freePort() {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
