package io.switchboard.chat.message;

/** Kinds of messages: {@code text} now, {@code image} and {@code file} with the uploads, {@code system} and {@code transfer} notes from the platform. */
public final class MessageType {

    public static final String TEXT = "text";
    public static final String IMAGE = "image";
    public static final String FILE = "file";
    public static final String SYSTEM = "system";
    public static final String TRANSFER = "transfer";

    private MessageType() {}
}
