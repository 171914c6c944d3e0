package io.switchboard.chat.message;

/**
 * Who writes a message: the visitor, an agent (with their user id), or the platform.
 *
 * @param type {@code visitor}, {@code agent} or {@code system}
 */
public record Sender(String type, String id, String name) {

    public static final String VISITOR = "visitor";
    public static final String AGENT = "agent";
    public static final String SYSTEM = "system";

    public static Sender system() {
        return new Sender(SYSTEM, null, "System");
    }

    public static Sender agent(String userId, String name) {
        return new Sender(AGENT, userId, name);
    }

    public boolean isAgent() {
        return AGENT.equals(type);
    }

    public boolean isVisitor() {
        return VISITOR.equals(type);
    }
}
