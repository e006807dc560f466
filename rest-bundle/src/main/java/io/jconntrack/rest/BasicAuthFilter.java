package io.jconntrack.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.Priority;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic authentication against a Karaf JAAS realm, as Karaf's web console does it ({@code JaasSecurityProvider}:
 * a {@link LoginContext} with name and password callbacks, roles read from {@link RolePrincipal}s), and the console's
 * ACL: reading needs {@code viewer} (or {@code admin}), changing needs {@code admin}. 401 with
 * {@code WWW-Authenticate} without valid credentials, 403 when the role is missing.
 */
@PreMatching // before anything else: an anonymous client learns nothing, not even which paths exist
@Priority(Priorities.AUTHENTICATION)
public final class BasicAuthFilter implements ContainerRequestFilter {
    static final String VIEWER = "viewer";
    static final String ADMIN = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(BasicAuthFilter.class);

    private final String realm;

    BasicAuthFilter(String realm) {
        this.realm = realm;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String[] credentials = credentials(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (credentials == null) {
            request.abortWith(unauthorized("authentication required"));
            return;
        }
        Set<String> roles = login(credentials[0], credentials[1]);
        if (roles == null) {
            request.abortWith(unauthorized("wrong user name or password"));
            return;
        }
        // Listing with zero=true zeroes counters: a change, however it is asked for.
        boolean read = (HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod()))
                && !request.getUriInfo().getQueryParameters().containsKey(EntriesResource.ZERO);
        boolean allowed = roles.contains(ADMIN) || read && roles.contains(VIEWER);
        if (!allowed) {
            request.abortWith(ErrorJson.of(403, "forbidden", "user '" + credentials[0] + "' lacks role '"
                    + (read ? VIEWER : ADMIN) + "' for " + request.getMethod()));
        }
    }

    private Response unauthorized(String message) {
        return Response.fromResponse(ErrorJson.of(401, "unauthorized", message))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\", charset=\"UTF-8\"").build();
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

    /** The user's roles, or {@code null} when the realm refuses the credentials. */
    private Set<String> login(String user, String password) {
        Subject subject = new Subject();
        try {
            LoginContext context = new LoginContext(realm, subject, callbacks -> {
                for (Callback c : callbacks) {
                    if (c instanceof NameCallback) {
                        ((NameCallback) c).setName(user);
                    } else if (c instanceof PasswordCallback) {
                        ((PasswordCallback) c).setPassword(password.toCharArray());
                    } else {
                        throw new UnsupportedCallbackException(c);
                    }
                }
            });
            context.login();
            Set<String> roles = new HashSet<>();
            for (RolePrincipal role : subject.getPrincipals(RolePrincipal.class)) {
                roles.add(role.getName());
            }
            context.logout();
            return roles;
        } catch (LoginException e) {
            LOG.debug("REST login of '{}' refused by realm {}: {}", user, realm, e.getMessage());
            return null;
        }
    }
}
