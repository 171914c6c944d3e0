package io.switchboard.chat.transfer;

/** Transfer a session to one agent ({@code toAgentId}) or to a team ({@code toTeam}), saying why. */
public record TransferRequest(String toAgentId, String toTeam, String reason) {}
