package io.switchboard.testing.ari;

/**
 * A stored recording of the simulator, as {@code GET /recordings/stored/{name}/file} serves it.
 *
 * @param name the recording name
 * @param format the file format ({@code wav}, ...)
 * @param target what was recorded, {@code bridge:<id>} or {@code channel:<id>}
 * @param durationSeconds the recorded duration in whole seconds
 * @param file the file's bytes (a valid WAV file for the wav formats)
 */
public record SimRecording(String name, String format, String target, int durationSeconds, byte[] file) {}
