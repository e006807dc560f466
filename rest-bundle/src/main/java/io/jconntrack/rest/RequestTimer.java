package io.jconntrack.rest;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;

/**
 * Times every request (refused ones included) into {@link Metrics}, by operation: the resource method as
 * {@code Entries.list}, or {@code unmatched}.
 */
@PreMatching
public final class RequestTimer implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String START = RequestTimer.class.getName() + ".start";

    private final Metrics metrics;

    @Context
    private ResourceInfo resource;

    RequestTimer(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(START, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object start = request.getProperty(START);
        if (start instanceof Long) {
            metrics.request(operation(), response.getStatus(), System.nanoTime() - (Long) start);
        }
    }

    private String operation() {
        if (resource == null || resource.getResourceMethod() == null) {
            return "unmatched";
        }
        String type = resource.getResourceClass().getSimpleName().replace("Resource", "");
        return type + "." + resource.getResourceMethod().getName();
    }
}
