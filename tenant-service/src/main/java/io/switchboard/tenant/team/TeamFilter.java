package io.switchboard.tenant.team;

import java.util.UUID;

/** What a team list is narrowed to: text in the name, a member. */
public record TeamFilter(String text, UUID member) {}
