package dev.spooler.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * Writes the test server's DKIM key pair, run by the build before the server starts: {@code it.pem}
 * (PKCS#8, the signing hook's key file) and {@code it.txt} (the DNS TXT record a verifier looks
 * up).
 */
public final class DkimTestKey {

  private DkimTestKey() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    Files.writeString(
        dir.resolve("it.pem"),
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    Files.writeString(
        dir.resolve("it.txt"),
        "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
  }
}
