package io.dittofs.server.api;

import io.dittofs.runtime.metrics.ProtocolMetrics;
import io.dittofs.server.control.ControlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a request into a response: routing, authentication and role checks, and the one place
 * where exceptions become JSON errors. A refusal is {@code {error, field, reason}} with its status;
 * anything unexpected is a 500 with no detail (the detail goes to the log, never to the client).
 */
final class ApiDispatcher {
    private static final Logger log = LoggerFactory.getLogger(ApiDispatcher.class);

    private final Router router;
    private final Tokens tokens;
    private final ProtocolMetrics metrics;

    ApiDispatcher(Router router, Tokens tokens, ProtocolMetrics metrics) {
        this.router = router;
        this.tokens = tokens;
        this.metrics = metrics;
    }

    ApiResponse dispatch(ApiRequest raw) {
        long start = System.nanoTime();
        String operation = "unmatched";
        ApiResponse response;
        try {
            List<String> allowed = new ArrayList<>();
            Router.Match m = router.match(raw.method(), raw.path(), allowed);
            if (m == null) {
                response = allowed.isEmpty()
                        ? ApiResponse.error(404, "not_found", null, "no such path: " + raw.path())
                        : ApiResponse.error(
                                405, "method_not_allowed", null, raw.method() + " not allowed; use " + allowed);
            } else {
                operation = m.route().method() + " " + m.route().template();
                ApiRequest req = new ApiRequest(
                        raw.method(),
                        raw.path(),
                        m.params(),
                        raw.query(),
                        raw.headers(),
                        raw.body(),
                        raw.client(),
                        authenticate(raw, m.route().access()));
                response = m.route().handler().handle(req);
            }
        } catch (ControlException e) {
            response = ApiResponse.error(e.status(), ApiResponse.errorName(e.status()), e.field(), e.reason());
        } catch (Exception | StackOverflowError e) {
            log.error("API {} {} failed", raw.method(), raw.path(), e);
            response = ApiResponse.error(500, "internal_error", null, "the server failed; its log has the details");
        }
        metrics.request("http", operation, System.nanoTime() - start, response.status() < 400, raw.body().length, 0);
        return response;
    }

    private ApiRequest.@Nullable Caller authenticate(ApiRequest r, Router.Access access) {
        String h = r.headers().get("authorization");
        if (access == Router.Access.PUBLIC) {
            return null;
        }
        if (h == null || h.isBlank()) {
            throw new ControlException(401, null, "missing token: log in first (POST /api/v1/auth/login)");
        }
        if (!h.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            throw new ControlException(401, null, "bad token: use 'Authorization: Bearer <token>'");
        }
        ApiRequest.Caller c = tokens.verify(h.substring(7).trim(), "access");
        if (access == Router.Access.ADMIN && !c.isAdmin()) {
            throw new ControlException(403, null, "this needs the admin role; '" + c.name() + "' is a " + c.role());
        }
        return c;
    }
}
