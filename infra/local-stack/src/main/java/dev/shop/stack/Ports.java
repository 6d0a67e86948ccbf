package dev.shop.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port checks: every server of the stack binds to 127.0.0.1 only. */
public final class Ports {

    private Ports() {
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static void requireFree(int port, String owner) {
        if (!isFree(port)) {
            throw new StackException("Port " + port + " (" + owner + ") is already in use on 127.0.0.1. "
                    + "Stop whatever listens there (e.g. `ss -ltnp 'sport = :" + port + "'`), "
                    + "or run the stack on other ports with SHOP_PORT_OFFSET=<n>.");
        }
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port the OS considers free right now; used by tests so they never collide with a running stack. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StackException("no free port on 127.0.0.1: " + e.getMessage());
        }
    }
}
