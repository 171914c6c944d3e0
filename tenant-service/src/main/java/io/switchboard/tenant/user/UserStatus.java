package io.switchboard.tenant.user;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import java.util.Locale;

/** Whether a user may log in: only active users can obtain tokens (Keycloak's {@code enabled}). */
public enum UserStatus {
    ACTIVE,
    INACTIVE,
    SUSPENDED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static UserStatus of(String value) {
        for (UserStatus status : values()) {
            if (status.value().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("must be active, inactive or suspended");
    }

    @Override
    public String toString() {
        return value();
    }

    @jakarta.persistence.Converter
    public static class Converter implements AttributeConverter<UserStatus, String> {
        @Override
        public String convertToDatabaseColumn(UserStatus status) {
            return status == null ? null : status.value();
        }

        @Override
        public UserStatus convertToEntityAttribute(String value) {
            return value == null ? null : UserStatus.of(value);
        }
    }
}
