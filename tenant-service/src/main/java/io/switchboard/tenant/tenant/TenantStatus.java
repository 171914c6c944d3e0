package io.switchboard.tenant.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The lifecycle of a tenant and the transitions between its states. Trials end by conversion (active), suspension,
 * cancellation or expiry (inactive); inactive tenants can be reactivated or given a new trial.
 */
public enum TenantStatus {
    ACTIVE,
    TRIAL,
    SUSPENDED,
    INACTIVE;

    /** The states a tenant in this state may move to. */
    public Set<TenantStatus> next() {
        return switch (this) {
            case TRIAL -> EnumSet.of(ACTIVE, SUSPENDED, INACTIVE);
            case ACTIVE -> EnumSet.of(SUSPENDED, INACTIVE);
            case SUSPENDED -> EnumSet.of(ACTIVE, TRIAL, INACTIVE);
            case INACTIVE -> EnumSet.of(ACTIVE, TRIAL);
        };
    }

    public boolean canChangeTo(TenantStatus target) {
        return this == target || next().contains(target);
    }

    /** Whether users of a tenant in this state may change its data (a running trial or an active tenant). */
    public boolean acceptsWrites() {
        return this == ACTIVE || this == TRIAL;
    }

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TenantStatus of(String value) {
        for (TenantStatus status : values()) {
            if (status.value().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException(
                "unknown status '" + value + "'; expected one of active, trial, suspended," + " inactive");
    }

    @Override
    public String toString() {
        return value();
    }

    /** Stores the status as its lowercase API value. */
    @jakarta.persistence.Converter
    public static class Converter implements AttributeConverter<TenantStatus, String> {
        @Override
        public String convertToDatabaseColumn(TenantStatus status) {
            return status == null ? null : status.value();
        }

        @Override
        public TenantStatus convertToEntityAttribute(String value) {
            return value == null ? null : of(value);
        }
    }
}
