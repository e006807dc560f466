package io.jconntrack.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic authentication against a Karaf JAAS realm ({@link RealmLogin}) and the console's ACL: reading needs
 * {@code viewer} (or {@code admin}), changing needs {@code admin}. 401 with {@code WWW-Authenticate} without valid
 * credentials, 403 when the role is missing. Failed logins are counted per client address and per user
 * ({@link LoginThrottle}): past the limit the realm is not asked and the answer is 429 with {@code Retry-After};
 * each failure is logged at WARN with user and address, at a bounded rate.
 */
@PreMatching // before anything else: an anonymous client learns nothing, not even which paths exist
@Priority(Priorities.AUTHENTICATION)
public final class BasicAuthFilter implements ContainerRequestFilter {
    static final String VIEWER = "viewer";
    static final String ADMIN = "admin";
    /** A user name longer than this is shown cut in logs and answers (and tracked cut by the throttle). */
    static final int MAX_SHOWN_USER = 64;
    private static final Logger LOG = LoggerFactory.getLogger(BasicAuthFilter.class);

    private final RealmLogin realm;
    private final LoginThrottle throttle;
    private final RateLimitedLog failureLog = new RateLimitedLog(1000);
    private final RateLimitedLog throttledLog = new RateLimitedLog(10_000);

    @Context
    private HttpServletRequest servletRequest; // a proxy to the current request (CXF injects thread-local proxies)

    BasicAuthFilter(RealmLogin realm, LoginThrottle throttle) {
        this.realm = realm;
        this.throttle = throttle;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String[] credentials = credentials(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (credentials == null) {
            request.abortWith(unauthorized("authentication required"));
            return;
        }
        String user = shown(credentials[0]);
        String address = servletRequest.getRemoteAddr();
        long now = System.currentTimeMillis();
        long wait = throttle.retryAfterMillis(address, user, now);
        if (wait > 0) {
            long seconds = (wait + 999) / 1000;
            throttledLog.log(suppressed -> LOG.warn("REST agent: logins from {} or as '{}' held back {} s after "
                    + "repeated failures{}", address, user, seconds, RateLimitedLog.suppressedNote(suppressed)));
            request.abortWith(ErrorJson.tooMany(new TooManyRequests("too many failed logins from " + address
                    + " or as user '" + user + "'; retry in " + seconds + " s", seconds)));
            return;
        }
        Set<String> roles = realm.roles(credentials[0], credentials[1]);
        if (roles == null) {
            throttle.failed(address, user, now);
            int recent = throttle.failures(address, now);
            failureLog.log(suppressed -> LOG.warn("REST agent: login as '{}' from {} refused by realm {} ({} failures "
                    + "from that address within a minute){}", user, address, realm.realm(), recent,
                    RateLimitedLog.suppressedNote(suppressed)));
            request.abortWith(unauthorized("wrong user name or password"));
            return;
        }
        throttle.succeeded(address);
        request.setSecurityContext(new AgentUser(credentials[0], roles));
        // Listing with zero=true zeroes counters: a change, however it is asked for.
        boolean read = (HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod()))
                && !request.getUriInfo().getQueryParameters().containsKey(EntriesResource.ZERO);
        boolean allowed = roles.contains(ADMIN) || read && roles.contains(VIEWER);
        if (!allowed) {
            request.abortWith(ErrorJson.of(403, "forbidden", "user '" + user + "' lacks role '"
                    + (read ? VIEWER : ADMIN) + "' for " + request.getMethod()));
        }
    }

    private Response unauthorized(String message) {
        return Response.fromResponse(ErrorJson.of(401, "unauthorized", message))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realm.realm() + "\", charset=\"UTF-8\"")
                .build();
    }

    /** A user name as logs and answers show it: printable, at most {@value #MAX_SHOWN_USER} characters. */
    static String shown(String user) {
        StringBuilder b = new StringBuilder(Math.min(user.length(), MAX_SHOWN_USER + 3));
        for (int i = 0; i < user.length() && i < MAX_SHOWN_USER; i++) {
            char c = user.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c); // no forged log lines
        }
        return user.length() > MAX_SHOWN_USER ? b.append("...").toString() : b.toString();
    }

    private static String[] credentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
