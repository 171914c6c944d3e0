package io.switchboard.testing.ari;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Small valid WAV files (16-bit mono PCM) for the simulator's stored recordings. */
final class Wav {

    private Wav() {}

    /** A WAV file of {@code seconds} of a quiet 440 Hz tone at {@code sampleRate} Hz. */
    static byte[] silence(int seconds, int sampleRate) {
        int samples = seconds * sampleRate;
        int dataBytes = samples * 2;
        ByteBuffer wav = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        wav.putInt(36 + dataBytes);
        wav.put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        wav.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        wav.putInt(16); // PCM format chunk size
        wav.putShort((short) 1); // PCM
        wav.putShort((short) 1); // mono
        wav.putInt(sampleRate);
        wav.putInt(sampleRate * 2); // byte rate
        wav.putShort((short) 2); // block align
        wav.putShort((short) 16); // bits per sample
        wav.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        wav.putInt(dataBytes);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) (Math.sin(2 * Math.PI * 440 * i / sampleRate) * 200));
        }
        return wav.array();
    }
}
