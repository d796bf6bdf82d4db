package dev.shardscaler.gcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1, made once per JVM with the JDK's keytool: a stand-in for
 * a GKE cluster CA on an IP endpoint. The PKCS12 key store serves WireMock's HTTPS port.
 */
final class TestTls {
  static final String PASSWORD = "changeit";
  private static TestTls instance;

  final Path keyStore;
  final String certificatePem;

  private TestTls(Path keyStore, String certificatePem) {
    this.keyStore = keyStore;
    this.certificatePem = certificatePem;
  }

  static synchronized TestTls get() {
    if (instance == null) {
      try {
        Path dir = Files.createTempDirectory("shardscaler-tls");
        dir.toFile().deleteOnExit();
        Path store = dir.resolve("gke-api.p12");
        keytool(
            "-genkeypair",
            "-alias",
            "gke",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=127.0.0.1",
            "-ext",
            "san=ip:127.0.0.1,dns:localhost",
            "-validity",
            "2",
            "-storetype",
            "PKCS12",
            "-keystore",
            store.toString(),
            "-storepass",
            PASSWORD,
            "-keypass",
            PASSWORD);
        String pem =
            keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "gke",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD);
        store.toFile().deleteOnExit();
        instance = new TestTls(store, pem);
      } catch (IOException e) {
        throw new IllegalStateException("cannot make a test certificate", e);
      }
    }
    return instance;
  }

  /** The certificate as gcloud prints masterAuth.clusterCaCertificate: base64 of the PEM. */
  String certificateBase64() {
    return Base64.getEncoder().encodeToString(certificatePem.getBytes(StandardCharsets.US_ASCII));
  }

  private static String keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool " + args[0] + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return output;
  }
}
