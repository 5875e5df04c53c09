package dev.spooler.listener;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.server.SSLSocketCreator;

/**
 * STARTTLS with the listener's key store (PKCS12; the build makes a self-signed one for
 * development, production names its own). The JDK's default protocols and cipher suites, not every
 * supported one.
 */
final class StartTls implements SSLSocketCreator {

  private final SSLContext context;

  private StartTls(SSLContext context) {
    this.context = context;
  }

  /** STARTTLS from the key store, or empty when there is none at {@code path}. */
  static Optional<StartTls> fromKeyStore(String path, String password)
      throws IOException, GeneralSecurityException {
    Path file = Path.of(path);
    if (!Files.isReadable(file)) {
      return Optional.empty();
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return Optional.of(new StartTls(context));
  }

  @Override
  public SSLSocket createSSLSocket(Socket socket) throws IOException {
    SSLSocket tls =
        (SSLSocket)
            context
                .getSocketFactory()
                .createSocket(
                    socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
    tls.setUseClientMode(false);
    return tls;
  }
}
