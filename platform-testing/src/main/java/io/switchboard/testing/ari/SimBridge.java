package io.switchboard.testing.ari;

import java.util.List;

/**
 * A snapshot of a simulated bridge.
 *
 * @param id the bridge id
 * @param name the bridge name given at creation
 * @param bridgeType {@code mixing} or {@code holding}
 * @param technology the bridge technology Asterisk would report ({@code simple_bridge}, {@code softmix}, ...)
 * @param channelIds the ids of the channels in the bridge
 * @param recordingNames the names of the live recordings of the bridge
 * @param mohClass the music-on-hold class played into the bridge, or null
 */
public record SimBridge(
        String id,
        String name,
        String bridgeType,
        String technology,
        List<String> channelIds,
        List<String> recordingNames,
        String mohClass) {}
