package io.agw.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys written by {@code openssl} in the legacy PEM forms (agentgateway's mcp-tls example key,
 * SEC1; a PKCS#1 RSA key) become PKCS#8 keys the JDK reads, equal to what {@code openssl pkcs8}
 * gives.
 */
class PemPrivateKeysTest {

  @TempDir Path dir;

  private static final Path EXAMPLE_CERTS =
      Path.of("src/test/resources/agentgateway-examples/mcp-tls/certs");

  @Test
  void agentgatewaysSec1ExampleKeyServesTls() throws Exception {
    byte[] key = Files.readAllBytes(EXAMPLE_CERTS.resolve("key.pem"));
    byte[] cert = Files.readAllBytes(EXAMPLE_CERTS.resolve("cert.pem"));
    assertThat(new String(key, StandardCharsets.US_ASCII)).contains("BEGIN EC PRIVATE KEY");

    byte[] converted = PemPrivateKeys.pkcs8(key);

    assertThat(new String(converted, StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(decode(converted, "EC")).isInstanceOf(ECPrivateKey.class);
    SslContextBuilder.forServer(new ByteArrayInputStream(cert), new ByteArrayInputStream(converted))
        .build();
  }

  @Test
  void sameKeysAsOpensslForRsaAndEc() throws Exception {
    for (String[] kind :
        new String[][] {
          {"genrsa", "-traditional", "-out", "rsa.pem", "2048"},
          {"ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "ec.pem"}
        }) {
      String file = kind[0].equals("genrsa") ? "rsa.pem" : "ec.pem";
      openssl(kind);
      openssl("pkcs8", "-topk8", "-nocrypt", "-in", file, "-out", file + ".p8");
      byte[] legacy = Files.readAllBytes(dir.resolve(file));
      assertThat(new String(legacy, StandardCharsets.US_ASCII))
          .contains(kind[0].equals("genrsa") ? "BEGIN RSA PRIVATE KEY" : "BEGIN EC PRIVATE KEY");

      byte[] converted = PemPrivateKeys.pkcs8(legacy);

      String algorithm = kind[0].equals("genrsa") ? "RSA" : "EC";
      java.security.PrivateKey ours = decode(converted, algorithm);
      java.security.PrivateKey theirs =
          decode(Files.readAllBytes(dir.resolve(file + ".p8")), algorithm);
      if (ours instanceof ECPrivateKey ec) {
        // openssl drops the curve from the inner structure, which the wrapping keeps: compare
        // the key and its curve rather than the bytes.
        assertThat(ec.getS()).isEqualTo(((ECPrivateKey) theirs).getS());
        assertThat(ec.getParams().toString())
            .isEqualTo(((ECPrivateKey) theirs).getParams().toString());
      } else {
        assertThat(ours).isEqualTo(theirs);
      }
    }
  }

  @Test
  void otherTextIsUnchanged() {
    byte[] pkcs8 = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n".getBytes();
    byte[] encrypted =
        ("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n"
                + "AAAA\n-----END RSA PRIVATE KEY-----\n")
            .getBytes();
    assertThat(PemPrivateKeys.pkcs8(pkcs8)).isSameAs(pkcs8);
    assertThat(PemPrivateKeys.pkcs8(encrypted)).isSameAs(encrypted);
  }

  private static java.security.PrivateKey decode(byte[] pem, String algorithm) throws Exception {
    String body =
        new String(pem, StandardCharsets.US_ASCII)
            .replaceAll("-----[A-Z ]+-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance(algorithm)
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
  }

  private void openssl(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "openssl";
    System.arraycopy(args, 0, command, 1, args.length);
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }
}
