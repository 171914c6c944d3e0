package io.switchboard.helpdesk.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.commons.tenant.TenantDirectory;
import io.switchboard.commons.tenant.TenantEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;

/**
 * The PostgreSQL text search configuration for a tenant, from the language of its locale ({@code de-DE} stems German
 * words); languages PostgreSQL has no stemmer for, and tenants without a locale, use {@code simple}.
 */
@ApplicationScoped
public class SearchConfigs {

    private static final Map<String, String> BY_LANGUAGE = Map.ofEntries(
            Map.entry("da", "danish"),
            Map.entry("de", "german"),
            Map.entry("en", "english"),
            Map.entry("es", "spanish"),
            Map.entry("fi", "finnish"),
            Map.entry("fr", "french"),
            Map.entry("hu", "hungarian"),
            Map.entry("it", "italian"),
            Map.entry("nl", "dutch"),
            Map.entry("no", "norwegian"),
            Map.entry("nb", "norwegian"),
            Map.entry("pt", "portuguese"),
            Map.entry("ro", "romanian"),
            Map.entry("ru", "russian"),
            Map.entry("sv", "swedish"),
            Map.entry("tr", "turkish"));

    private final TenantDirectory directory;

    public SearchConfigs(TenantDirectory directory) {
        this.directory = directory;
    }

    public String forTenant(String tenantId) {
        return directory
                .find(tenantId)
                .map(TenantEntry::settings)
                .map(s -> s.path("locale"))
                .filter(JsonNode::isTextual)
                .map(l -> forLocale(l.asText()))
                .orElse("simple");
    }

    static String forLocale(String locale) {
        String language = locale.split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return BY_LANGUAGE.getOrDefault(language, "simple");
    }
}
