package io.switchboard.routing.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.commons.api.ETags;
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
import io.switchboard.routing.RoutingEvents;
import io.switchboard.routing.did.DidView;
import io.switchboard.routing.table.RoutingChanges;
import io.switchboard.routing.table.RoutingStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Named business-hours schedules of a tenant, for DIDs whose hours differ from the tenant's default. */
@ApplicationScoped
public class ScheduleService {

    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt", "version");

    private final ScheduleRepository repository;
    private final RoutingStore store;
    private final MergePatches patches;
    private final RoutingEvents events;
    private final RoutingChanges changes;

    public ScheduleService(
            ScheduleRepository repository,
            RoutingStore store,
            MergePatches patches,
            RoutingEvents events,
            RoutingChanges changes) {
        this.repository = repository;
        this.store = store;
        this.patches = patches;
        this.events = events;
        this.changes = changes;
    }

    @Transactional
    public ScheduleView create(String tenantId, ScheduleDraft draft) {
        Instant now = Instant.now();
        Schedule schedule = new Schedule();
        schedule.id = Ids.newId();
        schedule.tenantId = tenantId;
        schedule.createdAt = now;
        schedule.updatedAt = now;
        save(tenantId, schedule, draft);
        repository.persist(schedule);
        ScheduleView view = ScheduleMapper.toView(schedule);
        events.emit(EventTypes.ROUTING_SCHEDULE_CREATED, tenantId, "schedule", schedule.id, view);
        changes.touched(tenantId);
        return view;
    }

    @Transactional
    public ScheduleView get(String tenantId, UUID id) {
        return ScheduleMapper.toView(require(tenantId, id));
    }

    @Transactional
    public Page<ScheduleView> list(String tenantId, PageRequest page) {
        return repository.page(tenantId, "", Map.of(), page).map(ScheduleMapper::toView);
    }

    @Transactional
    public ScheduleView update(String tenantId, UUID id, JsonNode patch, String ifMatch) {
        Schedule schedule = require(tenantId, id);
        ETags.checkIfMatch(ifMatch, schedule.version);
        MergePatches.Patched<ScheduleDraft> patched = patches.apply(
                ScheduleMapper.toDraft(schedule),
                patch,
                ScheduleDraft.class,
                READ_ONLY,
                ScheduleMapper.toView(schedule));
        if (!patched.changedAny()) {
            return ScheduleMapper.toView(schedule);
        }
        save(tenantId, schedule, patched.draft());
        schedule.updatedAt = Instant.now();
        repository.flush();
        ScheduleView view = ScheduleMapper.toView(schedule);
        events.emit(EventTypes.ROUTING_SCHEDULE_UPDATED, tenantId, "schedule", schedule.id, view);
        changes.touched(tenantId);
        return view;
    }

    @Transactional
    public void delete(String tenantId, UUID id) {
        Schedule schedule = require(tenantId, id);
        List<String> users = store.load(tenantId).dids().stream()
                .filter(d -> d.route() != null && id.equals(d.route().scheduleId()))
                .map(DidView::number)
                .toList();
        if (!users.isEmpty()) {
            throw ProblemException.conflict(
                    ProblemType.CONFLICT,
                    "Schedule '" + schedule.name + "' is in use by DID " + String.join(", ", users)
                            + "; change their routes first");
        }
        ScheduleView view = ScheduleMapper.toView(schedule);
        repository.delete(schedule);
        events.emit(EventTypes.ROUTING_SCHEDULE_DELETED, tenantId, "schedule", id, view);
        changes.touched(tenantId);
    }

    private Schedule require(String tenantId, UUID id) {
        return repository.find(tenantId, id).orElseThrow(() -> ProblemException.notFound("Schedule", id.toString()));
    }

    private void save(String tenantId, Schedule schedule, ScheduleDraft draft) {
        Validation validation = new Validation();
        patches.validate(draft, validation);
        if (!validation.hasErrors()) {
            BusinessHours.check(draft.timezone(), draft.rules(), "", validation);
        }
        validation.throwIfInvalid();
        String name = draft.name().strip();
        if (repository.nameTaken(tenantId, name, schedule.id)) {
            throw new ProblemException(Problem.of(ProblemType.ALREADY_EXISTS, "Schedule '" + name + "' exists")
                    .withErrors(List.of(new FieldError("name", "is taken"))));
        }
        schedule.name = name;
        schedule.timezone = draft.timezone();
        schedule.rules = draft.rules();
    }
}
