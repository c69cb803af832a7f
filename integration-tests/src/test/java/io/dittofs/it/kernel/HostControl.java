package io.dittofs.it.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Lets a guest script ask the host to act mid-boot (restart the server, say): the guest sends a
 * command line over TCP ({@code guest_ask restart} in a step) and gets "done" or "failed: ..."
 * once the host has acted. One command per connection, served one at a time.
 */
public final class HostControl implements AutoCloseable {
    /** An action the guest can trigger. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private final ServerSocket socket;
    private final Thread acceptor;

    public HostControl(Map<String, Action> actions) throws IOException {
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = Thread.ofPlatform().daemon().name("host-control").start(() -> serve(actions));
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The guest-side shell function; {@code HOST_CONTROL_PORT} must be in the script's environment. */
    public static String guestFunction() {
        return """
                guest_ask() {
                    exec 5<>"/dev/tcp/$HOST_IP/$HOST_CONTROL_PORT" || return 1
                    echo "$1" >&5
                    read -r answer <&5
                    exec 5>&-
                    echo "$answer"
                    [ "$answer" = done ]
                }""";
    }

    private void serve(Map<String, Action> actions) {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                String command = in.readLine();
                Action action = command == null ? null : actions.get(command.strip());
                String answer;
                if (action == null) {
                    answer = "failed: unknown command " + command;
                } else {
                    try {
                        action.run();
                        answer = "done";
                    } catch (Exception e) {
                        answer = "failed: " + e;
                    }
                }
                OutputStream out = s.getOutputStream();
                out.write((answer.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    System.err.println("host control: " + e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }
}
