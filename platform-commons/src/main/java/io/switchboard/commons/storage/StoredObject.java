package io.switchboard.commons.storage;

import java.util.UUID;

/**
 * An upload once stored: its id (the last segment of its key), key, the cleaned file name, the type detected from its
 * bytes, its size and the hex SHA-256 of its bytes.
 */
public record StoredObject(UUID id, String key, String fileName, String contentType, long size, String sha256) {}
