package io.switchboard.commons.tenant;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tenant ids are immutable slugs: 2 to 24 lowercase letters, digits and inner hyphens. The length limit comes from
 * Asterisk: tenant ids prefix Asterisk object ids and dialplan contexts ({@code from-internal-acme-corp},
 * {@code acme-corp-1001}) whose realtime columns are 40 characters wide.
 */
public final class TenantIds {

    public static final String PATTERN = "^[a-z0-9](?:[a-z0-9-]{0,22}[a-z0-9])$";
    public static final String RULE = "2 to 24 lowercase letters, digits and hyphens, starting and ending with a"
            + " letter or digit (for example acme-corp)";
    /** Names that would be confusing in URLs, object ids and logs. */
    public static final Set<String> RESERVED = Set.of("admin", "api", "platform", "switchboard", "system", "www");

    private static final Pattern SLUG = Pattern.compile(PATTERN);

    private TenantIds() {}

    public static boolean isValid(String id) {
        return id != null && SLUG.matcher(id).matches();
    }
}
