package io.switchboard.chat.widget;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a tenant admin sets on a widget, grouped as the seed's ChatWidget: appearance, behaviour, routing, business
 * hours, offline message, allowed domains and the IP allow-list. The same shape for creation (merged onto
 * {@link #defaults()}) and Merge Patch.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WidgetDraft(
        @NotBlank @Size(max = 100) String name,
        @NotNull Boolean enabled,
        @NotNull @Valid Appearance appearance,
        @NotNull @Valid Behaviour behaviour,
        @NotNull @Valid Routing routing,
        @NotNull @Valid Hours businessHours,
        @Size(max = 2000) String offlineMessage,
        @NotNull @Size(max = 50) List<@NotBlank @Size(max = 253) String> allowedDomains,
        @NotNull @Size(max = 100) List<@NotBlank @Size(max = 50) String> ipAllowList) {

    static final String COLOR = "^#[0-9A-Fa-f]{6}$";
    static final String TIME = "^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$";

    /** Colours, position and texts of the launcher and the chat window. */
    public record Appearance(
            @NotNull @Pattern(regexp = COLOR, message = "must be a colour as #RRGGBB, e.g. #1F6FEB") String primaryColor,

            @NotNull @Pattern(regexp = COLOR, message = "must be a colour as #RRGGBB, e.g. #1F6FEB") String secondaryColor,

            @NotNull @Pattern(
                    regexp = "^(bottom-right|bottom-left|top-right|top-left)$",
                    message = "must be bottom-right, bottom-left, top-right or top-left")
            String position,

            @Size(max = 1000) String welcomeMessage,
            @Size(max = 200) String placeholderText,

            @Size(max = 2048) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL")
            String avatarUrl) {}

    /**
     * What the widget offers and asks before a chat; {@code ratingEnabled}: the 1-5 rating prompt at the end of a chat
     * (true when absent, so that widgets saved before it existed ask too). With {@code allowFileUpload}, visitors send
     * files of at most {@code maxUploadBytes} (default 10 MiB, within the platform's maximum) whose type, detected from
     * the bytes, is one of {@code allowedUploadTypes} (default: images, PDF, text, office documents, ZIP).
     */
    public record Behaviour(
            @NotNull Boolean showAgentTyping,
            @NotNull Boolean showReadReceipts,
            @NotNull Boolean allowFileUpload,
            @NotNull Boolean allowEmojis,
            @NotNull Boolean requireName,
            @NotNull Boolean requireEmail,
            @NotNull Boolean requirePhone,
            Boolean ratingEnabled,
            @Positive Long maxUploadBytes,

            @Size(min = 1, max = 100) List<
                            @NotNull @Pattern(
                                    regexp = UPLOAD_TYPE,
                                    message = "must be a lowercase media type such as"
                                            + " application/pdf, or a family such as image/*")
                            String>
                    allowedUploadTypes) {

        public Behaviour {
            ratingEnabled = ratingEnabled == null ? Boolean.TRUE : ratingEnabled;
            maxUploadBytes = maxUploadBytes == null ? DEFAULT_UPLOAD_BYTES : maxUploadBytes;
            allowedUploadTypes = allowedUploadTypes == null ? DEFAULT_UPLOAD_TYPES : allowedUploadTypes;
        }
    }

    public static final long DEFAULT_UPLOAD_BYTES = 10L * 1024 * 1024;
    public static final List<String> DEFAULT_UPLOAD_TYPES = List.of(
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "application/pdf",
            "text/plain",
            "text/csv",
            "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.oasis.opendocument.text",
            "application/vnd.oasis.opendocument.spreadsheet",
            "application/zip");
    static final String UPLOAD_TYPE =
            "^(\\*/\\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/(\\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,126}))$";

    /**
     * Who gets the widget's chats: with {@code autoAssign}, the least busy online agent of {@code team} having every
     * skill, else {@code defaultAssigneeId}; without it, sessions wait until an agent accepts them.
     */
    public record Routing(
            @NotNull Boolean autoAssign,
            @Size(max = 100) String team,

            @NotNull @Size(max = 20) List<@NotBlank @Size(max = 50) @Pattern(regexp = "^[^,]*$", message = "must not contain commas") String>
                    skills,

            @Size(max = 100) String defaultAssigneeId) {}

    /**
     * When chats are offered: {@code source} {@code tenant} uses the tenant's business hours and time zone, {@code
     * widget} the schedule here. Outside them (or when disabled, never) visitors get the offline form.
     */
    public record Hours(
            @NotNull Boolean enabled,

            @NotNull @Pattern(regexp = "^(widget|tenant)$", message = "must be widget or tenant")
            String source,

            @Size(max = 64) String timezone,
            @NotNull Map<String, @NotNull @Size(max = 8) List<@Valid Interval>> weekly,
            @NotNull @Size(max = 400) List<@NotNull LocalDate> holidays) {}

    /** From {@code start} to {@code end}, local time, HH:mm; {@code end} may be 24:00. */
    public record Interval(
            @NotNull @Pattern(regexp = TIME, message = "must be a time of day as HH:mm, e.g. 09:00") String start,

            @NotNull @Pattern(regexp = TIME, message = "must be a time of day as HH:mm, e.g. 17:30, or 24:00") String end) {}

    /** A widget before the admin's choices: enabled, blue, bottom right, name asked, every origin, every address. */
    public static WidgetDraft defaults() {
        return new WidgetDraft(
                null,
                true,
                new Appearance("#1F6FEB", "#FFFFFF", "bottom-right", "Hi! How can we help?", "Type a message...", null),
                new Behaviour(true, true, false, true, true, false, false, true, null, null),
                new Routing(true, null, List.of(), null),
                new Hours(false, "tenant", null, Map.of(), List.of()),
                "We are offline right now. Leave a message and we will answer by e-mail.",
                List.of(),
                List.of());
    }
}
