package io.switchboard.tenant.user;

/** What a user list is narrowed to: text in the e-mail or name, a status, a role in the tenant. */
public record UserFilter(String text, UserStatus status, String role) {}
