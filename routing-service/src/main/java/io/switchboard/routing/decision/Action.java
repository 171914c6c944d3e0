package io.switchboard.routing.decision;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What telephony-service does with a call, as the decision API returns it: a {@code type} and its Asterisk ids, with
 * nested actions for what comes next (no answer, queue overflow, menu options, menu failure).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(Action.Endpoint.class),
    @JsonSubTypes.Type(Action.Queue.class),
    @JsonSubTypes.Type(Action.Ivr.class),
    @JsonSubTypes.Type(Action.External.class),
    @JsonSubTypes.Type(Action.Voicemail.class),
    @JsonSubTypes.Type(Action.Hangup.class)
})
@Schema(
        oneOf = {
            Action.Endpoint.class,
            Action.Queue.class,
            Action.Ivr.class,
            Action.External.class,
            Action.Voicemail.class,
            Action.Hangup.class
        },
        discriminatorProperty = "type")
public sealed interface Action {

    /** Ring an Asterisk endpoint and bridge the caller with it; {@code onNoAnswer} when it does not answer. */
    @JsonTypeName("endpoint")
    record Endpoint(String endpointId, int ringTimeoutSeconds, Action onNoAnswer) implements Action {}

    /**
     * Put the caller into the tenant's queue, by the name the tenant gave it ({@code sales}: telephony-service makes it
     * the app_queue name); {@code onOverflow} when full or waited too long.
     */
    @JsonTypeName("queue")
    record Queue(String queueName, int maxWaitSeconds, Action onOverflow) implements Action {}

    /** Play a menu and act on the key pressed; nested menus come expanded. */
    @JsonTypeName("ivr")
    record Ivr(
            String menuId,
            List<String> greeting,
            Map<String, Action> options,
            int timeoutSeconds,
            int maxRetries,
            List<String> invalidPrompt,
            Action onFailure,
            boolean directDial)
            implements Action {}

    /** Call an E.164 number through a trunk endpoint. */
    @JsonTypeName("external")
    record External(String number, String trunkEndpointId, int ringTimeoutSeconds, Action onNoAnswer)
            implements Action {}

    /** Leave a message in a voicemail box, {@code mailbox@context}. */
    @JsonTypeName("voicemail")
    record Voicemail(String mailbox) implements Action {}

    /** Play {@code announcement} if set, then hang up with a Q.850 cause. */
    @JsonTypeName("hangup")
    record Hangup(int cause, String announcement) implements Action {}

    /** The action's type name, as in JSON. */
    static String typeOf(Action action) {
        return action.getClass().getAnnotation(JsonTypeName.class).value();
    }

    /** What the action points at, for events and logs: an Asterisk id, a number or a cause. */
    static String targetOf(Action action) {
        return switch (action) {
            case Endpoint endpoint -> endpoint.endpointId();
            case Queue queue -> queue.queueName();
            case Ivr ivr -> ivr.menuId();
            case External external -> external.number();
            case Voicemail voicemail -> voicemail.mailbox();
            case Hangup hangup -> Integer.toString(hangup.cause());
        };
    }
}
