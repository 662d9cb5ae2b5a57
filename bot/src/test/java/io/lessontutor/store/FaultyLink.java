package io.lessontutor.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP link on loopback between the tutor and the PostgreSQL test server that a test can cut: a
 * database outage for the instances behind it, without stopping the server other tests use. While
 * cut, open connections are dropped and new ones are closed as soon as they arrive.
 */
public final class FaultyLink implements AutoCloseable {

  private final ServerSocket listener;
  private final InetSocketAddress upstream;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;

  /** A link to the server of a {@code jdbc:postgresql://host:port/...} URL. */
  public FaultyLink(String jdbcUrl) throws IOException {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    this.upstream = new InetSocketAddress(uri.getHost(), uri.getPort());
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "faulty-link");
    accept.setDaemon(true);
    accept.start();
  }

  /** The same JDBC URL, through this link. */
  public String route(String jdbcUrl) {
    return jdbcUrl.replace(upstream.getHostString() + ":" + upstream.getPort(), "127.0.0.1:" + listener.getLocalPort());
  }

  /** The outage begins: every connection through the link drops, and new ones are refused. */
  public void cut() {
    cut = true;
    open.forEach(FaultyLink::closeQuietly);
    open.clear();
  }

  /** The outage ends. */
  public void restore() {
    cut = false;
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (cut) {
          closeQuietly(client);
          continue;
        }
        Socket server = new Socket(upstream.getAddress(), upstream.getPort());
        open.add(client);
        open.add(server);
        if (cut) { // cut while this one was being connected
          closeQuietly(client);
          closeQuietly(server);
          continue;
        }
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        // the listener closed, or the server refused: the client sees its connection drop
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side went away
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "faulty-link-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    cut();
    try {
      listener.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
