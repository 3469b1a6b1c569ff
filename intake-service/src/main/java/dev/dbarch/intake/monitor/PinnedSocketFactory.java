package dev.dbarch.intake.monitor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/**
 * PostgreSQL's JDBC driver dials through this under {@code verify-full}: the URL carries the
 * registered host name, which TLS checks the certificate against, while the socket connects to the
 * address the host policy checked, so the name is never resolved again (no DNS rebinding past the
 * policy). pgjdbc instantiates it by class name with {@code socketFactoryArg}, the address.
 */
public final class PinnedSocketFactory extends SocketFactory {

  private final InetAddress pinned;

  public PinnedSocketFactory(String address) throws IOException {
    // A literal address: parsed, never looked up.
    this.pinned = InetAddress.getByName(address);
  }

  @Override
  public Socket createSocket() {
    return new Socket() {
      @Override
      public void connect(SocketAddress endpoint, int timeout) throws IOException {
        super.connect(new InetSocketAddress(pinned, port(endpoint)), timeout);
      }
    };
  }

  private static int port(SocketAddress endpoint) {
    return ((InetSocketAddress) endpoint).getPort();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return new Socket(pinned, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return new Socket(pinned, port, localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return new Socket(pinned, port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return new Socket(pinned, port, localAddress, localPort);
  }
}
