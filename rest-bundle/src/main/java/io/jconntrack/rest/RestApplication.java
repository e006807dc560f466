package io.jconntrack.rest;

import java.util.Set;
import javax.ws.rs.core.Application;
import org.apache.cxf.jaxrs.sse.SseFeature;

/** The resources, the request timer, the authentication filter and the error mappers, as singletons bound to one service. */
final class RestApplication extends Application {
    private final Set<Object> singletons;

    RestApplication(Namespaces namespaces, EventStreams streams, ListStreams lists, BasicAuthFilter authentication,
                    int maxFailuresListed) {
        Metrics metrics = new Metrics(streams);
        singletons = Set.of(new EntriesResource(namespaces, lists, maxFailuresListed), new EntryResource(namespaces),
                new TableResource(namespaces, metrics), new EventsResource(namespaces, streams),
                new ExpectationsResource(namespaces, streams, lists, maxFailuresListed),
                new RequestTimer(metrics), authentication, new ErrorMappers.BadInput(), new ErrorMappers.Kernel(),
                new ErrorMappers.Web(), new ErrorMappers.TooMany(), new ErrorMappers.TooLarge(),
                new ErrorMappers.Unexpected(),
                // CXF reads its features from the singletons: this one provides SseEventSink and Sse.
                new SseFeature.Portable());
    }

    @Override
    public Set<Object> getSingletons() {
        return singletons;
    }
}
