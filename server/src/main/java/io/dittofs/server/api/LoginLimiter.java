package io.dittofs.server.api;

import io.dittofs.server.control.ControlException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed-login rate limiting: after {@link #MAX_FAILURES} failures within {@link #WINDOW} for a
 * user name, or {@link #MAX_CLIENT_FAILURES} for a client address, further attempts are refused with 429 until the oldest
 * failure leaves the window. Bounded: at most {@link #MAX_KEYS} keys are tracked.
 *
 * <p>Threading: each key's deque is guarded by itself; the map is concurrent.
 */
final class LoginLimiter {
    static final int MAX_FAILURES = 5;
    /** Per client address: higher, since several people may log in from behind one NAT. */
    static final int MAX_CLIENT_FAILURES = 20;

    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_KEYS = 10_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Throws 429 when {@code user} or {@code client} is blocked now. */
    void check(String user, String client) {
        long wait = Math.max(
                waitSeconds("user:" + user, MAX_FAILURES), waitSeconds("client:" + client, MAX_CLIENT_FAILURES));
        if (wait > 0) {
            throw new ControlException(429, null, "too many failed logins: try again in " + wait + " s");
        }
    }

    void failed(String user, String client) {
        if (failures.size() > MAX_KEYS) {
            failures.clear(); // under a flood of distinct names, forget rather than grow without bound
        }
        for (String key : new String[] {"user:" + user, "client:" + client}) {
            Deque<Instant> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (d) {
                d.addLast(clock.instant());
                while (d.size() > MAX_CLIENT_FAILURES) {
                    d.removeFirst();
                }
            }
        }
    }

    void succeeded(String user) {
        failures.remove("user:" + user);
    }

    private long waitSeconds(String key, int max) {
        Deque<Instant> d = failures.get(key);
        if (d == null) {
            return 0;
        }
        synchronized (d) {
            Instant now = clock.instant();
            while (!d.isEmpty() && !d.peekFirst().plus(WINDOW).isAfter(now)) {
                d.removeFirst();
            }
            if (d.size() < max) {
                return 0;
            }
            Instant oldestCounted = d.stream().skip(d.size() - max).findFirst().orElseThrow();
            return Math.max(1, Duration.between(now, oldestCounted.plus(WINDOW)).toSeconds());
        }
    }
}
