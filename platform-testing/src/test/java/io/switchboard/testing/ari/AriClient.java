package io.switchboard.testing.ari;

import ch.loway.oss.ari4java.ARI;
import ch.loway.oss.ari4java.AriVersion;
import ch.loway.oss.ari4java.generated.models.ChannelDestroyed;
import ch.loway.oss.ari4java.generated.models.ChannelDtmfReceived;
import ch.loway.oss.ari4java.generated.models.ChannelEnteredBridge;
import ch.loway.oss.ari4java.generated.models.ChannelHangupRequest;
import ch.loway.oss.ari4java.generated.models.ChannelLeftBridge;
import ch.loway.oss.ari4java.generated.models.ChannelStateChange;
import ch.loway.oss.ari4java.generated.models.ChannelVarset;
import ch.loway.oss.ari4java.generated.models.Dial;
import ch.loway.oss.ari4java.generated.models.Message;
import ch.loway.oss.ari4java.generated.models.StasisEnd;
import ch.loway.oss.ari4java.generated.models.StasisStart;
import ch.loway.oss.ari4java.tools.ARIException;
import ch.loway.oss.ari4java.tools.AriConnectionEvent;
import ch.loway.oss.ari4java.tools.AriWSCallback;
import ch.loway.oss.ari4java.tools.RestException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** An ari4java 0.18 client of the simulator, as telephony-service uses it, recording every event it receives. */
final class AriClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    final ARI ari;
    final List<Message> events = new CopyOnWriteArrayList<>();
    final List<RestException> failures = new CopyOnWriteArrayList<>();
    final List<AriConnectionEvent> connectionEvents = new CopyOnWriteArrayList<>();

    private AriClient(ARI ari) {
        this.ari = ari;
    }

    /** Builds the client, opens its event WebSocket and waits until the simulator registered the application. */
    static AriClient connect(AriSimulator sim) throws ARIException {
        AriClient client = open(sim, sim.app(), "ariuser", "aripass");
        sim.awaitApplication(sim.app(), WAIT);
        // both ends agree: the simulator registered the application and ari4java saw its handshake complete (a
        // connection dropped in between would look to ari4java like a failed handshake, not a disconnect)
        Awaitility.await().atMost(WAIT).until(() -> client.connectionEvents.contains(AriConnectionEvent.WS_CONNECTED));
        return client;
    }

    /** Builds a client with the given credentials and starts its event WebSocket without waiting. */
    static AriClient open(AriSimulator sim, String app, String user, String password) throws ARIException {
        AriClient client = new AriClient(ARI.build(sim.baseUrl(), app, user, password, AriVersion.ARI_10_0_0));
        client.ari.eventsCallback(new AriWSCallback<>() {
            @Override
            public void onSuccess(Message message) {
                client.events.add(message);
            }

            @Override
            public void onFailure(RestException e) {
                client.failures.add(e);
            }

            @Override
            public void onConnectionEvent(AriConnectionEvent event) {
                client.connectionEvents.add(event);
            }
        });
        return client;
    }

    /** Waits for the first received event of {@code type} that matches and returns it. */
    <T extends Message> T await(Class<T> type, Predicate<T> matches) {
        return org.awaitility.Awaitility.await().atMost(WAIT).until(() -> first(type, matches), Objects::nonNull);
    }

    <T extends Message> T first(Class<T> type, Predicate<T> matches) {
        return events.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(matches)
                .findFirst()
                .orElse(null);
    }

    <T extends Message> List<T> all(Class<T> type, Predicate<T> matches) {
        return events.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(matches)
                .toList();
    }

    /** Asserts that the ARI request fails with the HTTP {@code status}, as ari4java reports it. */
    static void assertAriError(int status, org.assertj.core.api.ThrowableAssert.ThrowingCallable request) {
        org.assertj.core.api.Assertions.assertThatThrownBy(request)
                .isInstanceOfSatisfying(
                        RestException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.getCode())
                                .isEqualTo(status));
    }

    /** The types of the received events about channel {@code channelId}, in the order received. */
    List<String> typesFor(String channelId) {
        return events.stream()
                .filter(e -> channelId.equals(channelIdOf(e)))
                .map(Message::getType)
                .toList();
    }

    /** The channel an event is about, if it is about one. */
    static String channelIdOf(Message event) {
        return switch (event) {
            case StasisStart e -> e.getChannel().getId();
            case StasisEnd e -> e.getChannel().getId();
            case ChannelStateChange e -> e.getChannel().getId();
            case ChannelDestroyed e -> e.getChannel().getId();
            case ChannelHangupRequest e -> e.getChannel().getId();
            case ChannelDtmfReceived e -> e.getChannel().getId();
            case ChannelVarset e ->
                e.getChannel() == null ? null : e.getChannel().getId();
            case ChannelEnteredBridge e ->
                e.getChannel() == null ? null : e.getChannel().getId();
            case ChannelLeftBridge e -> e.getChannel().getId();
            case Dial e -> e.getPeer().getId();
            default -> null;
        };
    }

    @Override
    public void close() {
        ari.cleanup();
    }
}
