package io.switchboard.chat;

/**
 * Who acts in a request: an agent or supervisor of the tenant (from the verified token or an agent socket ticket).
 *
 * @param userId the Keycloak user id
 * @param name the display name shown to visitors
 * @param mayManageAgents {@code agents:manage}: assign sessions to others, transfer others' sessions
 */
public record Actor(String userId, String name, boolean mayManageAgents) {}
