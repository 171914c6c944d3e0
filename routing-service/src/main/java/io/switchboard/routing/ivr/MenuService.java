package io.switchboard.routing.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.commons.api.ETags;
import io.switchboard.commons.api.JsonMergePatch;
import io.switchboard.commons.api.MergePatches;
import io.switchboard.commons.api.Page;
import io.switchboard.commons.api.PageRequest;
import io.switchboard.commons.events.EventTypes;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.problem.FieldError;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import io.switchboard.commons.problem.Validation;
import io.switchboard.commons.tenant.TenantDirectory;
import io.switchboard.routing.RoutingEvents;
import io.switchboard.routing.route.RouteChecker;
import io.switchboard.routing.route.RoutingData;
import io.switchboard.routing.table.RoutingChanges;
import io.switchboard.routing.table.RoutingStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * IVR menus of a tenant (needs the tenant's {@code ivr} feature): prompts, keys leading to any route target including
 * other menus, retries and a final target. Saved only when no path through it loops or grows too long; deleted only
 * when no DID or menu leads to it.
 */
@ApplicationScoped
public class MenuService {

    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt", "version");
    private static final MenuDraft DEFAULTS =
            new MenuDraft(null, null, Map.of(), 5, 2, List.of("sound:option-is-invalid"), null, false);

    private final MenuRepository repository;
    private final RoutingStore store;
    private final RouteChecker checker;
    private final MergePatches patches;
    private final RoutingEvents events;
    private final RoutingChanges changes;
    private final TenantDirectory directory;

    public MenuService(
            MenuRepository repository,
            RoutingStore store,
            RouteChecker checker,
            MergePatches patches,
            RoutingEvents events,
            RoutingChanges changes,
            TenantDirectory directory) {
        this.repository = repository;
        this.store = store;
        this.checker = checker;
        this.patches = patches;
        this.events = events;
        this.changes = changes;
        this.directory = directory;
    }

    @Transactional
    public MenuView create(String tenantId, MenuCreate request) {
        directory.requireFeature(tenantId, "ivr", null);
        MenuDraft draft = patches.bind(
                JsonMergePatch.apply(patches.nonNullTree(DEFAULTS), patches.nonNullTree(request)), MenuDraft.class);
        Instant now = Instant.now();
        IvrMenu menu = new IvrMenu();
        menu.id = Ids.newId();
        menu.tenantId = tenantId;
        menu.createdAt = now;
        menu.updatedAt = now;
        save(tenantId, menu, draft);
        repository.persist(menu);
        MenuView view = MenuMapper.toView(menu);
        events.emit(EventTypes.ROUTING_IVR_CREATED, tenantId, "ivr", menu.id, view);
        changes.touched(tenantId);
        return view;
    }

    @Transactional
    public MenuView get(String tenantId, UUID id) {
        return MenuMapper.toView(require(tenantId, id));
    }

    @Transactional
    public Page<MenuView> list(String tenantId, PageRequest page) {
        return repository.page(tenantId, "", Map.of(), page).map(MenuMapper::toView);
    }

    @Transactional
    public MenuView update(String tenantId, UUID id, JsonNode patch, String ifMatch) {
        IvrMenu menu = require(tenantId, id);
        ETags.checkIfMatch(ifMatch, menu.version);
        MergePatches.Patched<MenuDraft> patched =
                patches.apply(MenuMapper.toDraft(menu), patch, MenuDraft.class, READ_ONLY, MenuMapper.toView(menu));
        if (!patched.changedAny()) {
            return MenuMapper.toView(menu);
        }
        save(tenantId, menu, patched.draft());
        menu.updatedAt = Instant.now();
        repository.flush();
        MenuView view = MenuMapper.toView(menu);
        events.emit(EventTypes.ROUTING_IVR_UPDATED, tenantId, "ivr", menu.id, view);
        changes.touched(tenantId);
        return view;
    }

    @Transactional
    public void delete(String tenantId, UUID id) {
        IvrMenu menu = require(tenantId, id);
        List<String> users = checker.usersOfMenu(id, store.load(tenantId));
        if (!users.isEmpty()) {
            throw ProblemException.conflict(
                    ProblemType.CONFLICT,
                    "Menu '" + menu.name + "' is in use by " + String.join(", ", users) + "; change them first");
        }
        MenuView view = MenuMapper.toView(menu);
        repository.delete(menu);
        events.emit(EventTypes.ROUTING_IVR_DELETED, tenantId, "ivr", id, view);
        changes.touched(tenantId);
    }

    private IvrMenu require(String tenantId, UUID id) {
        return repository.find(tenantId, id).orElseThrow(() -> ProblemException.notFound("IVR menu", id.toString()));
    }

    /** Validates {@code draft} as the menu's new content in the tenant's configuration, and applies it. */
    private void save(String tenantId, IvrMenu menu, MenuDraft draft) {
        Validation validation = new Validation();
        patches.validate(draft, validation);
        validation.throwIfInvalid();
        RoutingData data = store.load(tenantId);
        MenuView candidate = new MenuView(
                menu.id,
                draft.name().strip(),
                draft.greeting(),
                draft.options(),
                draft.timeoutSeconds(),
                draft.maxRetries(),
                draft.invalidPrompt(),
                draft.onFailure(),
                draft.directDial(),
                null,
                null,
                menu.version);
        MenuView checked = checker.menu(candidate, data, tenantId, validation);
        validation.throwIfInvalid();
        if (repository.nameTaken(tenantId, checked.name(), menu.id)) {
            throw new ProblemException(Problem.of(ProblemType.ALREADY_EXISTS, "Menu '" + checked.name() + "' exists")
                    .withErrors(List.of(new FieldError("name", "is taken"))));
        }
        menu.name = checked.name();
        menu.definition = new MenuDraft(
                        checked.name(),
                        checked.greeting(),
                        checked.options(),
                        checked.timeoutSeconds(),
                        checked.maxRetries(),
                        checked.invalidPrompt(),
                        checked.onFailure(),
                        checked.directDial())
                .definition();
    }
}
