package io.jconntrack.itests;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Runs Karaf console commands through {@link SessionFactory}, each in a new session, inside {@code Subject.doAs}
 * with the given roles, so the command ACL applies as to a user logged in with those roles.
 */
final class Console {
    /** The roles of Karaf's admingroup; the command ACL gives read commands to viewer, not to admin. */
    static final String[] ADMIN_ROLES = {"admin", "manager", "viewer"};

    private final SessionFactory sessionFactory;

    private Console(SessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    /** The console of the running shell (waits for it, e.g. after the shell bundle was refreshed). */
    static Console of(BundleContext context) throws InterruptedException {
        ServiceTracker<SessionFactory, SessionFactory> t = new ServiceTracker<>(context, SessionFactory.class, null);
        t.open();
        try {
            SessionFactory sf = t.waitForService(KarafTestSupport.TIMEOUT_MILLIS);
            assertNotNull("Karaf's SessionFactory is registered", sf);
            return new Console(sf);
        } finally {
            t.close();
        }
    }

    /** What a console command printed, and what it threw (null when it completed). */
    record Result(String out, String err, Object value, Throwable thrown) {
        String all() {
            return out + err + (thrown == null ? "" : thrown);
        }
    }

    /** Runs one command line in a new console session, as a user with the given roles. */
    Result execute(String command, String... roles) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("itest"));
        for (String role : roles) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        Object value = null;
        Throwable thrown = null;
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), outStream, errStream);
        try {
            value = Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (PrivilegedActionException e) {
            thrown = e.getException();
        } catch (RuntimeException e) {
            thrown = e;
        } finally {
            session.close();
        }
        Result r = new Result(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), value,
                thrown);
        System.out.println("[" + String.join(",", roles) + "] " + command + "\n" + r.out
                + (r.err.isEmpty() ? "" : "stderr: " + r.err)
                + (thrown == null ? "" : "thrown: " + thrown + "\n"));
        return r;
    }

    /**
     * Runs a command as an administrator and expects it to succeed: a failing command throws. Standard error may
     * carry the tool's informational summary ({@code N flow entries have been shown.}).
     */
    String admin(String command) {
        Result r = execute(command, ADMIN_ROLES);
        if (r.thrown != null) {
            fail(command + " failed: " + r.all());
        }
        return r.out;
    }
}
