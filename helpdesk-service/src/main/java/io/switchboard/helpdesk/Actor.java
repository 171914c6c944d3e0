package io.switchboard.helpdesk;

/**
 * Who acts on the helpdesk in a request, and what their permissions in the active tenant let them do beyond the
 * endpoint's own permission.
 *
 * @param userId the Keycloak user id, recorded as creator, message sender and the "me" of filters
 * @param name the user's display name for messages
 * @param mayAssign {@code tickets:assign}: give tickets to others, take them from others, change teams
 * @param seesInternal {@code tickets:handle}: internal notes are shown (viewers and requesters never see them)
 * @param mayManage {@code tickets:manage}: deleted tickets, restore, settings and tags
 */
public record Actor(String userId, String name, boolean mayAssign, boolean seesInternal, boolean mayManage) {}
