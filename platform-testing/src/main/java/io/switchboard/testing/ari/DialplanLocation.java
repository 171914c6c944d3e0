package io.switchboard.testing.ari;

/**
 * Where a channel is in the dialplan: context, extension, priority.
 *
 * @param context the dialplan context
 * @param extension the extension
 * @param priority the priority
 */
public record DialplanLocation(String context, String extension, long priority) {}
