package io.jconntrack.rest;

import java.security.Principal;
import java.util.Set;
import javax.ws.rs.core.SecurityContext;

/**
 * The authenticated user of a request and its roles, set by {@link BasicAuthFilter}; resources read it through
 * {@link SecurityContext} ({@link #name}, {@link #isAdmin}), as JAX-RS hands it to them. It is CXF's security
 * context too: CXF's injected {@code SecurityContext} asks that one, and without it would see the servlet
 * request's (empty) principal.
 */
final class AgentUser implements SecurityContext, org.apache.cxf.security.SecurityContext {
    private final String name;
    private final Set<String> roles;

    AgentUser(String name, Set<String> roles) {
        this.name = name;
        this.roles = Set.copyOf(roles);
    }

    /** The user name of an authenticated request. */
    static String name(SecurityContext context) {
        return context.getUserPrincipal().getName();
    }

    static boolean isAdmin(SecurityContext context) {
        return context.isUserInRole(BasicAuthFilter.ADMIN);
    }

    @Override
    public Principal getUserPrincipal() {
        return () -> name;
    }

    @Override
    public boolean isUserInRole(String role) {
        return roles.contains(role);
    }

    @Override
    public boolean isSecure() {
        return true;
    }

    @Override
    public String getAuthenticationScheme() {
        return BASIC_AUTH;
    }
}
