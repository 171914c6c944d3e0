package io.switchboard.chat.widget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.chat.config.ChatConfig;
import io.switchboard.chat.upload.ChatUploadService;
import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.MergePatches;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.storage.StorageConfig;
import io.switchboard.commons.tenant.CrossTenant;
import io.switchboard.commons.tenant.TenantDirectory;
import io.switchboard.commons.tenant.TenantEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The tenant's chat widgets: CRUD with validation that names the field, the embed code, and the opening hours. */
@ApplicationScoped
public class WidgetService {

    private static final Set<String> READ_ONLY = Set.of("id", "widgetKey", "createdAt", "updatedAt", "version");
    private static final Set<String> DAYS =
            Set.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WidgetRepository repository;
    private final MergePatches patches;
    private final ObjectMapper mapper;
    private final TenantDirectory directory;
    private final ChatConfig config;
    private final StorageConfig storage;
    private final ChatUploadService uploads;

    public WidgetService(
            WidgetRepository repository,
            MergePatches patches,
            ObjectMapper mapper,
            TenantDirectory directory,
            ChatConfig config,
            StorageConfig storage,
            ChatUploadService uploads) {
        this.storage = storage;
        this.uploads = uploads;
        this.repository = repository;
        this.patches = patches;
        this.mapper = mapper;
        this.directory = directory;
        this.config = config;
    }

    @Transactional
    public WidgetView create(String tenantId, JsonNode request) {
        if (request == null || !request.isObject()) {
            throw ProblemException.invalid("", "must be a JSON object");
        }
        directory.requireFeature(tenantId, "chat", null);
        ObjectNode merged = (ObjectNode) JsonMergePatch.apply(mapper.valueToTree(WidgetDraft.defaults()), request);
        for (String field : READ_ONLY) {
            if (merged.has(field)) {
                throw ProblemException.invalid(field, "is read-only");
            }
        }
        WidgetDraft draft = validate(patches.bind(merged, WidgetDraft.class));
        Instant now = Instant.now();
        Widget widget = new Widget();
        widget.id = Ids.newId();
        widget.tenantId = tenantId;
        widget.widgetKey = newKey();
        widget.createdAt = now;
        widget.updatedAt = now;
        apply(draft, widget);
        repository.persist(widget);
        return WidgetView.of(widget);
    }

    @Transactional
    public WidgetView get(String tenantId, UUID id) {
        return WidgetView.of(require(tenantId, id));
    }

    @Transactional
    public Page<WidgetView> list(String tenantId, PageRequest page) {
        return repository.list(tenantId, page).map(WidgetView::of);
    }

    @Transactional
    public WidgetView update(String tenantId, UUID id, JsonNode patch, String ifMatch) {
        Widget widget = require(tenantId, id);
        ETags.checkIfMatch(ifMatch, widget.version);
        WidgetView before = WidgetView.of(widget);
        MergePatches.Patched<WidgetDraft> patched =
                patches.apply(before.toDraft(), patch, WidgetDraft.class, READ_ONLY, before);
        if (!patched.changedAny()) {
            return before;
        }
        apply(validate(patched.draft()), widget);
        widget.updatedAt = Instant.now();
        repository.flush();
        return WidgetView.of(widget);
    }

    @Transactional
    public void delete(String tenantId, UUID id, String ifMatch) {
        Widget widget = require(tenantId, id);
        ETags.checkIfMatch(ifMatch, widget.version);
        uploads.forgetWidget(tenantId, id); // its sessions' files go with it
        repository.delete(widget);
    }

    /** One script tag that loads the widget script with this widget's key. */
    @Transactional
    public String embedCode(String tenantId, UUID id) {
        Widget widget = require(tenantId, id);
        String base = config.publicUrl().toString().replaceAll("/+$", "");
        return "<script src=\"" + base + "/api/v1/chat/public/widget.js\" data-widget-key=\"" + widget.widgetKey
                + "\" async></script>";
    }

    /** The widget of a public key, whichever tenant owns it; called as a system task before the tenant is known. */
    @Transactional
    @CrossTenant
    public Optional<Widget> findByKey(String key) {
        if (key == null || key.length() > 100) {
            return Optional.empty();
        }
        return repository.findByKey(key);
    }

    /** The widget in the tenant's transaction, for the visitor path once the key named the tenant. */
    @Transactional
    public Widget require(String tenantId, UUID id) {
        return repository.find(tenantId, id).orElseThrow(() -> ProblemException.notFound("Widget", id.toString()));
    }

    /** The widget, if it is the tenant's (no problem when not). */
    @Transactional
    public Optional<Widget> find(String tenantId, UUID id) {
        return repository.find(tenantId, id);
    }

    /** Whether the widget offers chats at {@code at}: business hours disabled, or open by its own or the tenant's. */
    public boolean isOpen(String tenantId, WidgetDraft.Hours hours, Instant at) {
        if (!hours.enabled()) {
            return true;
        }
        return openingHours(tenantId, hours).isOpen(at);
    }

    private OpeningHours openingHours(String tenantId, WidgetDraft.Hours hours) {
        if (hours.source().equals("widget")) {
            ZoneId zone = hours.timezone() == null ? tenantZone(tenantId) : ZoneId.of(hours.timezone());
            return new OpeningHours(zone, hours.weekly(), hours.holidays());
        }
        Optional<TenantEntry> tenant = directory.find(tenantId);
        JsonNode settings = tenant.map(TenantEntry::settings).orElse(null);
        JsonNode businessHours = settings == null ? null : settings.path("businessHours");
        Map<String, List<WidgetDraft.Interval>> weekly = new HashMap<>();
        List<LocalDate> holidays = new ArrayList<>();
        if (businessHours != null && businessHours.isObject()) {
            businessHours.path("weekly").properties().forEach(day -> {
                List<WidgetDraft.Interval> intervals = new ArrayList<>();
                day.getValue()
                        .forEach(i -> intervals.add(new WidgetDraft.Interval(
                                i.path("start").asText(), i.path("end").asText())));
                weekly.put(day.getKey(), intervals);
            });
            businessHours
                    .path("holidays")
                    .forEach(h -> holidays.add(LocalDate.parse(h.path("date").asText())));
        }
        return new OpeningHours(tenantZone(tenantId), weekly, holidays);
    }

    private ZoneId tenantZone(String tenantId) {
        try {
            return directory
                    .find(tenantId)
                    .map(TenantEntry::settings)
                    .map(s -> s.path("timezone").asText("UTC"))
                    .map(ZoneId::of)
                    .orElse(ZoneId.of("UTC"));
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private WidgetDraft validate(WidgetDraft draft) {
        Validation validation = new Validation();
        patches.validate(draft, validation);
        if (draft.allowedDomains() != null) {
            for (int i = 0; i < draft.allowedDomains().size(); i++) {
                String domain = draft.allowedDomains().get(i);
                if (domain != null && !domain.isBlank()) {
                    String field = "allowedDomains[" + i + "]";
                    AccessRules.domainProblem(domain).ifPresent(m -> validation.add(field, m));
                }
            }
        }
        if (draft.ipAllowList() != null) {
            for (int i = 0; i < draft.ipAllowList().size(); i++) {
                String entry = draft.ipAllowList().get(i);
                if (entry != null && !entry.isBlank()) {
                    String field = "ipAllowList[" + i + "]";
                    AccessRules.ipProblem(entry).ifPresent(m -> validation.add(field, m));
                }
            }
        }
        if (draft.behaviour() != null
                && draft.behaviour().maxUploadBytes() != null
                && draft.behaviour().maxUploadBytes() > storage.maxObjectBytes()) {
            validation.add(
                    "behaviour.maxUploadBytes", "must be at most the platform's maximum, " + storage.maxObjectBytes());
        }
        WidgetDraft.Hours hours = draft.businessHours();
        if (hours != null) {
            if (hours.timezone() != null) {
                try {
                    ZoneId.of(hours.timezone());
                } catch (DateTimeException e) {
                    validation.add("businessHours.timezone", "must be an IANA time zone such as Europe/Berlin");
                }
            }
            if (hours.weekly() != null) {
                hours.weekly().forEach((day, intervals) -> {
                    if (!DAYS.contains(day)) {
                        validation.add("businessHours.weekly." + day, "must be a day of the week: " + DAYS);
                    } else if (intervals != null) {
                        for (int i = 0; i < intervals.size(); i++) {
                            WidgetDraft.Interval interval = intervals.get(i);
                            if (interval != null
                                    && interval.start() != null
                                    && interval.end() != null
                                    && interval.start().matches(WidgetDraft.TIME)
                                    && interval.end().matches(WidgetDraft.TIME)
                                    && interval.start().compareTo(interval.end()) >= 0) {
                                validation.add(
                                        "businessHours.weekly." + day + "[" + i + "].end", "must be after the start");
                            }
                        }
                    }
                });
            }
            if (Boolean.TRUE.equals(hours.enabled())
                    && "widget".equals(hours.source())
                    && hours.weekly() != null
                    && hours.weekly().isEmpty()) {
                validation.add("businessHours.weekly", "must name at least one day when the widget has its own hours");
            }
        }
        validation.throwIfInvalid();
        List<String> domains = draft.allowedDomains().stream()
                .map(d -> d.strip().toLowerCase(java.util.Locale.ROOT))
                .distinct()
                .toList();
        List<String> ips =
                draft.ipAllowList().stream().map(String::strip).distinct().toList();
        return new WidgetDraft(
                draft.name().strip(),
                draft.enabled(),
                draft.appearance(),
                draft.behaviour(),
                draft.routing(),
                draft.businessHours(),
                draft.offlineMessage(),
                domains,
                ips);
    }

    private static void apply(WidgetDraft draft, Widget widget) {
        widget.name = draft.name();
        widget.enabled = draft.enabled();
        widget.config = draft;
    }

    private static String newKey() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return "wk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
