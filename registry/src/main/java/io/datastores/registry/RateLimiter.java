package io.datastores.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** At most N permits per token per minute, in fixed one-minute windows. */
final class RateLimiter {
    private static final long WINDOW_NANOS = 60_000_000_000L;

    private record Window(long start, int used) {}

    private final int perMinute;
    private final Map<Long, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    boolean tryAcquire(long tokenId) {
        long now = System.nanoTime();
        Window window = windows.compute(
                tokenId,
                (id, current) -> current == null || now - current.start() >= WINDOW_NANOS
                        ? new Window(now, 1)
                        : new Window(current.start(), current.used() + 1));
        return window.used() <= perMinute;
    }
}
