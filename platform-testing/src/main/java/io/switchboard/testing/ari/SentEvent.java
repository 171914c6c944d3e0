package io.switchboard.testing.ari;

/**
 * An event the simulator wrote to an application's WebSocket, in the order it was written.
 *
 * @param application the application it was sent to
 * @param type the event type ({@code StasisStart}, ...)
 * @param channelId the channel it is about ({@code channel.id}, or {@code peer.id} of a Dial), or null
 * @param json the frame's text
 * @param sentAtNanos {@link System#nanoTime()} when it was handed to the WebSocket
 */
public record SentEvent(String application, String type, String channelId, String json, long sentAtNanos) {}
