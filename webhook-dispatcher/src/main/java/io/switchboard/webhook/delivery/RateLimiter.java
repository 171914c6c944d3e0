package io.switchboard.webhook.delivery;

/** A token bucket of one subscription's rate limit: up to {@code perSecond} requests per second, one second of burst. */
final class RateLimiter {

    private final int perSecond;
    private double tokens;
    private long last;

    RateLimiter(int perSecond, long nowNanos) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.last = nowNanos;
    }

    /** The limiter for {@code rate}: the current one if the rate did not change, none for no limit. */
    static RateLimiter forRate(RateLimiter current, Integer rate, long nowNanos) {
        if (rate == null) {
            return null;
        }
        return current != null && current.perSecond == rate ? current : new RateLimiter(rate, nowNanos);
    }

    /** Takes a token and returns 0, or returns how many nanoseconds until one is available. */
    long tryAcquire(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) ((1 - tokens) / perSecond * 1e9));
    }

    /** Whether the bucket is full again, so forgetting it loses nothing. */
    boolean full(long nowNanos) {
        refill(nowNanos);
        return tokens >= perSecond;
    }

    private void refill(long nowNanos) {
        tokens = Math.min(perSecond, tokens + (nowNanos - last) / 1e9 * perSecond);
        last = nowNanos;
    }
}
