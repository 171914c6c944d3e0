package io.switchboard.helpdesk.settings;

import java.util.List;

/**
 * The defaults of a tenant's attachment limits ({@code maxAttachmentBytes}, {@code allowedAttachmentTypes}): 10 MiB,
 * and images, PDF, text, office documents (Microsoft and OpenDocument), ZIP archives and forwarded mail. Never
 * script-capable types (HTML, SVG) or executables unless the tenant adds them. The platform's maximum
 * ({@code switchboard.storage.max-object-bytes}) caps every tenant's limit.
 */
public final class AttachmentLimits {

    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    public static final List<String> DEFAULT_TYPES = List.of(
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "image/bmp",
            "image/tiff",
            "application/pdf",
            "text/plain",
            "text/csv",
            "application/rtf",
            "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.ms-powerpoint",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text",
            "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.presentation",
            "application/zip",
            "message/rfc822");

    /** A media type ({@code application/pdf}) or a family ({@code image/*}), lowercase, no parameters. */
    public static final String TYPE_PATTERN =
            "^(\\*/\\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/(\\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,126}))$";

    private AttachmentLimits() {}
}
