package io.jconntrack.rest;

import java.nio.file.Path;
import java.util.EnumSet;
import javax.servlet.DispatcherType;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.jaxrs.servlet.CXFNonSpringJaxrsServlet;
import org.apache.cxf.transport.DestinationFactoryManager;
import org.apache.cxf.transport.http.DestinationRegistry;
import org.apache.cxf.transport.http.DestinationRegistryImpl;
import org.apache.cxf.transport.http.HTTPTransportFactory;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The agent's own HTTPS connector: a Jetty server (Karaf's Jetty 9.4 bundles) on the configured address and port,
 * TLS 1.2/1.3 only, running CXF's JAX-RS servlet with its own bus and destination registry. Its own so that the
 * {@code io.jconntrack.rest} PID chooses address, port and certificate without touching the container's HTTP
 * service (and sharing CXF's default registry fails with "There is an endpoint already running on /").
 */
final class HttpsServer implements AutoCloseable {
    private final Server server;
    private final Bus bus;

    /** Threads beyond those list streams may hold: short requests always find one. */
    static final int SHORT_REQUEST_THREADS = 32;

    /** A connection that sends nothing for this long is closed (slowloris, forgotten clients). */
    static final long IDLE_TIMEOUT_MILLIS = 30_000;

    HttpsServer(String host, int port, Path keystore, char[] password, RestApplication application,
                RequestGuard guard, int maxListStreams, int maxConnections) throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(HttpsServer.class.getClassLoader());
        try {
            bus = BusFactory.newInstance().createBus();
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(keystore.toString());
            tls.setKeyStoreType("PKCS12");
            tls.setKeyStorePassword(new String(password));
            tls.setKeyManagerPassword(new String(password));
            tls.setIncludeProtocols("TLSv1.2", "TLSv1.3");
            tls.setRenegotiationAllowed(false); // a client's renegotiations cost the server handshakes at will

            QueuedThreadPool threads = new QueuedThreadPool(maxListStreams + SHORT_REQUEST_THREADS, 4);
            threads.setName("jconntrack-rest");
            server = new Server(threads);
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // Clients reach the agent by address and pin its certificate: a Host that differs from the SNI name
            // decides nothing here, and Jetty's check logs a WARN per request (a flood of the log, found by probing).
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            ServerConnector connector = new ServerConnector(server,
                    new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
            connector.setHost(host);
            connector.setPort(port);
            connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
            server.addConnector(connector);
            // Each connection is a descriptor of the container's (shared with SSH, the realm's files, netlink): beyond
            // the bound, Jetty stops accepting until one closes, so a flood of connections cannot exhaust them.
            server.addBean(new ConnectionLimit(maxConnections, connector));
            server.setErrorHandler(new JsonErrorHandler()); // answers to requests Jetty cannot parse

            ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
            context.setContextPath("/");
            context.setErrorHandler(new JsonErrorHandler());
            FilterHolder guarded = new FilterHolder(guard);
            guarded.setAsyncSupported(true);
            context.addFilter(guarded, "/*", EnumSet.of(DispatcherType.REQUEST));
            ServletHolder holder = new ServletHolder("jconntrack-rest",
                    new CXFNonSpringJaxrsServlet(application, registry(bus), bus));
            holder.setAsyncSupported(true); // Server-Sent Events
            // CXF answers GET /services with its list of endpoints, before any JAX-RS filter: only the API is served.
            holder.setInitParameter("hide-service-list-page", "true");
            context.addServlet(holder, "/*");
            server.setHandler(context);
            server.setStopAtShutdown(false);
            try {
                server.start();
            } catch (Exception e) {
                close();
                throw e;
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /**
     * A destination registry of this server alone, made the HTTP transport of {@code bus}. In Karaf, CXF's HTTP
     * transport factory is shared with the container's {@code /cxf} servlet: an endpoint registered there would also
     * answer in plain HTTP on the container's port (seen: {@code http://HOST:8181/cxf/conntrack/v1/...}).
     */
    private static DestinationRegistry registry(Bus bus) {
        DestinationRegistry registry = new DestinationRegistryImpl();
        HTTPTransportFactory factory = new HTTPTransportFactory(registry);
        DestinationFactoryManager manager = bus.getExtension(DestinationFactoryManager.class);
        for (String namespace : HTTPTransportFactory.DEFAULT_NAMESPACES) {
            manager.registerDestinationFactory(namespace, factory);
        }
        return registry;
    }

    /** The port bound (the configured one; useful when 0 asked for any). */
    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the REST agent's HTTPS server", e);
        } finally {
            bus.shutdown(true);
        }
    }
}
