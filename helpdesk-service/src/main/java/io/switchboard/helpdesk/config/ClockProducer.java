package io.switchboard.helpdesk.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The clock of SLA deadlines, ticket timestamps and the SLA scheduler; tests replace it with one they move. */
@Singleton
public class ClockProducer {

    @Produces
    @Singleton
    @io.quarkus.arc.DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
