package io.switchboard.testing.ari;

import java.time.Instant;
import java.util.List;

/**
 * A connected ARI event WebSocket.
 *
 * @param apps the Stasis applications it registered ({@code app=a,b})
 * @param subscribeAll whether it asked for {@code subscribeAll=true}
 * @param remoteAddress the client's address
 * @param connectedAt when the upgrade completed
 */
public record SimWebSocket(List<String> apps, boolean subscribeAll, String remoteAddress, Instant connectedAt) {}
