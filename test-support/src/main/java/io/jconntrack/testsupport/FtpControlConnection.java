package io.jconntrack.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * FTP control connections, run as a process inside a test namespace by {@link FtpHelperFixture}: a server on
 * {@code SERVER:21} and COUNT clients from {@code CLIENT:CLIENT_PORT+i}. Each client sends {@code USER} first (the
 * kernel's FTP helper reads a line only after it has seen the end of the previous one in that direction), then
 * {@code PORT} announcing {@code CLIENT:DATA_PORT+i}, which makes the helper create an expectation. Prints
 * {@code ready} when the server has read every PORT line, then holds the connections until its standard input
 * ends.
 *
 * <p>Arguments: SERVER CLIENT CLIENT_PORT DATA_PORT COUNT.
 */
public final class FtpControlConnection {
    private FtpControlConnection() {
    }

    public static void main(String[] args) throws IOException {
        InetAddress server = InetAddress.getByName(args[0]);
        InetAddress client = InetAddress.getByName(args[1]);
        int clientPort = Integer.parseInt(args[2]);
        int dataPort = Integer.parseInt(args[3]);
        int count = Integer.parseInt(args[4]);
        List<Socket> open = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(server, 21));
            for (int i = 0; i < count; i++) {
                Socket c = new Socket();
                open.add(c);
                c.bind(new InetSocketAddress(client, clientPort + i));
                c.connect(new InetSocketAddress(server, 21), 5000);
                Socket s = listener.accept();
                open.add(s);
                line(s.getOutputStream(), "220 jconntrack test");
                readLine(c.getInputStream());
                line(c.getOutputStream(), "USER anonymous");
                readLine(s.getInputStream());
                line(s.getOutputStream(), "331 ok");
                readLine(c.getInputStream());
                byte[] a = client.getAddress();
                int port = dataPort + i;
                line(c.getOutputStream(), "PORT " + (a[0] & 0xFF) + "," + (a[1] & 0xFF) + "," + (a[2] & 0xFF)
                        + "," + (a[3] & 0xFF) + "," + (port >> 8) + "," + (port & 0xFF));
                readLine(s.getInputStream());
            }
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // held open until the fixture closes our standard input
            }
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    private static void line(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void readLine(InputStream in) throws IOException {
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            // the content does not matter, only that the line arrived
        }
    }
}
