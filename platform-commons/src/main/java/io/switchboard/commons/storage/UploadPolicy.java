package io.switchboard.commons.storage;

import java.util.List;
import java.util.Locale;

/**
 * What one upload may be: at most {@code maxBytes}, of a type in {@code allowedTypes} (exact media types such as
 * {@code application/pdf}, or a family such as {@code image/*}). The type checked is the one detected from the bytes.
 */
public record UploadPolicy(long maxBytes, List<String> allowedTypes) {

    public UploadPolicy {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        allowedTypes = allowedTypes.stream()
                .map(t -> t.strip().toLowerCase(Locale.ROOT))
                .toList();
    }

    /** Whether a detected media type (without parameters) is allowed. */
    public boolean allows(String mediaType) {
        String type = mediaType.toLowerCase(Locale.ROOT);
        for (String allowed : allowedTypes) {
            if (allowed.equals(type)
                    || allowed.equals("*/*")
                    || (allowed.endsWith("/*") && type.startsWith(allowed.substring(0, allowed.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** The same allow-list with a size limit no larger than {@code max}. */
    public UploadPolicy capped(long max) {
        return maxBytes <= max ? this : new UploadPolicy(max, allowedTypes);
    }
}
