package io.jconntrack.rest;

import java.util.HashSet;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/**
 * A login on a Karaf JAAS realm, as Karaf's web console does it ({@code JaasSecurityProvider}): a
 * {@link LoginContext} with name and password callbacks, the roles read from {@link RolePrincipal}s.
 */
final class RealmLogin {
    private final String realm;

    RealmLogin(String realm) {
        this.realm = realm;
    }

    String realm() {
        return realm;
    }

    /** The user's roles, or {@code null} when the realm refuses the credentials (or is not there). */
    Set<String> roles(String user, String password) {
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
        } catch (LoginException | SecurityException e) {
            return null;
        }
    }
}
