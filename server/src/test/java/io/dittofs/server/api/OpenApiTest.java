package io.dittofs.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dittofs.server.Daemon;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document the server serves names exactly the routes its router has. */
class OpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");

    @TempDir
    Path data;

    @Test
    void theServedDocumentListsEveryRouteAndNoOther() throws Exception {
        try (Daemon d = ApiFixture.start(data)) {
            Http.Reply r = new Http(d.apiPort()).get(Routes.OPENAPI);
            assertThat(r.status()).isEqualTo(200);
            JsonNode doc = r.json();
            assertThat(doc.path("openapi").asText()).startsWith("3.");
            Set<String> documented = new TreeSet<>();
            for (Iterator<String> paths = doc.path("paths").fieldNames(); paths.hasNext(); ) {
                String p = paths.next();
                for (Iterator<String> ms = doc.path("paths").path(p).fieldNames(); ms.hasNext(); ) {
                    String m = ms.next();
                    if (METHODS.contains(m)) {
                        documented.add(m.toUpperCase(Locale.ROOT) + " " + p);
                    }
                }
            }
            Set<String> routed = new TreeSet<>();
            Router router = Routes.build(null, d.control(), null, null, null);
            for (Router.Route route : router.routes()) {
                routed.add(route.method() + " " + route.template());
            }
            assertThat(documented).isEqualTo(routed);
        }
    }
}
