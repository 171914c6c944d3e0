package io.switchboard.testing.ari;

/**
 * An inbound call leg created by {@link AriSimulator#inboundCall(InboundCall)}: the channel of a caller whose call
 * arrived on a trunk or phone endpoint and entered the Stasis application.
 */
public final class SimCall extends SimChannel {

    private final InboundCall call;

    SimCall(Pbx pbx, String id, String name, String endpoint, InboundCall call) {
        super(pbx, id, name, endpoint, null, "Ring");
        this.call = call;
    }

    /** What the call was created from. */
    public InboundCall call() {
        return call;
    }

    /** The dialed extension. */
    public String dialedExtension() {
        return call.extension();
    }
}
