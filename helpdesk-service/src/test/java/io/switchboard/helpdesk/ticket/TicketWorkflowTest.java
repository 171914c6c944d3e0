package io.switchboard.helpdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.commons.problem.ProblemException;
import io.switchboard.helpdesk.Actor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The status workflow and the assignment rules, without the runtime. */
class TicketWorkflowTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void theWholeLifecycleStampsResolvedAndClosed() {
        Ticket t = ticket(TicketStatus.OPEN);
        assertThat(TicketWorkflow.transition(t, TicketStatus.IN_PROGRESS, NOW)).isTrue();
        assertThat(TicketWorkflow.transition(t, TicketStatus.PENDING, NOW)).isTrue();
        assertThat(TicketWorkflow.transition(t, TicketStatus.RESOLVED, NOW)).isTrue();
        assertThat(t.resolvedAt).isEqualTo(NOW);
        Instant later = NOW.plusSeconds(60);
        assertThat(TicketWorkflow.transition(t, TicketStatus.CLOSED, later)).isTrue();
        assertThat(t.closedAt).isEqualTo(later);
        assertThat(t.resolvedAt).isEqualTo(NOW);
        assertThat(t.status()).isEqualTo(TicketStatus.CLOSED);
    }

    @Test
    void reopeningAResolvedTicketClearsItsResolution() {
        Ticket t = ticket(TicketStatus.RESOLVED);
        t.resolvedAt = NOW;
        assertThat(TicketWorkflow.transition(t, TicketStatus.OPEN, NOW)).isTrue();
        assertThat(t.resolvedAt).isNull();
        assertThat(TicketWorkflow.transition(t, TicketStatus.OPEN, NOW))
                .as("no change")
                .isFalse();
    }

    @Test
    void refusedChangesNameTheFieldAndTheAllowedNextStates() {
        Ticket resolved = ticket(TicketStatus.RESOLVED);
        assertThatThrownBy(() -> TicketWorkflow.transition(resolved, TicketStatus.PENDING, NOW))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(409);
                    assertThat(e.problem().type().toString()).endsWith("invalid-state-transition");
                    assertThat(e.problem().errors()).singleElement().satisfies(f -> {
                        assertThat(f.field()).isEqualTo("status");
                        assertThat(f.message()).contains("open, in_progress, closed");
                    });
                    assertThat(e.problem().extensions())
                            .containsEntry("from", "resolved")
                            .containsEntry("to", "pending")
                            .containsEntry("allowed", List.of("open", "in_progress", "closed"));
                });
        assertThat(resolved.status()).isEqualTo(TicketStatus.RESOLVED);
        for (TicketStatus target : List.of(TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED)) {
            Ticket closed = ticket(TicketStatus.CLOSED);
            assertThatThrownBy(() -> TicketWorkflow.transition(closed, target, NOW))
                    .isInstanceOf(ProblemException.class)
                    .hasMessageContaining("final");
        }
    }

    @Test
    void everyStateButClosedCanBeClosedAndResolved() {
        for (TicketStatus s : List.of(TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.PENDING)) {
            assertThat(s.next()).contains(TicketStatus.RESOLVED, TicketStatus.CLOSED);
            assertThat(s.isActive()).isTrue();
        }
        assertThat(TicketStatus.CLOSED.next()).isEmpty();
        assertThat(TicketStatus.RESOLVED.isActive()).isFalse();
    }

    @Test
    void agentsTakeFreeTicketsAndGiveBackTheirOwnOnly() {
        String me = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        UUID team = UUID.randomUUID();
        Actor agent = new Actor(me, "agent", false, true, false);
        TicketService.checkAssignment(agent, null, null, me, null);
        TicketService.checkAssignment(agent, me, null, null, null);
        TicketService.checkAssignment(agent, null, null, null, team);
        assertThatThrownBy(() -> TicketService.checkAssignment(agent, null, null, other, null))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().extensions()).containsEntry("fields", List.of("assigneeId")));
        assertThatThrownBy(() -> TicketService.checkAssignment(agent, other, null, me, null))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> TicketService.checkAssignment(agent, null, team, null, UUID.randomUUID()))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().extensions()).containsEntry("fields", List.of("teamId")));
        Actor supervisor = new Actor(me, "sup", true, true, false);
        TicketService.checkAssignment(supervisor, other, team, UUID.randomUUID().toString(), UUID.randomUUID());
    }

    private static Ticket ticket(TicketStatus status) {
        Ticket t = new Ticket();
        t.status = status.toString();
        return t;
    }
}
