package io.switchboard.helpdesk.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of helpdesk-service ({@code switchboard.helpdesk.*}). */
@ConfigMapping(prefix = "switchboard.helpdesk")
public interface HelpdeskConfig {

    /** How long a soft-deleted ticket can be restored before the retention job removes it for good. */
    @WithDefault("P30D")
    Duration deletedRetention();

    /** How often the retention job looks for tickets to remove. */
    @WithDefault("1h")
    Duration retentionEvery();

    /**
     * Base64 of 16, 24 or 32 random bytes: encrypts mailbox passwords at rest (AES-GCM). Without it, mailboxes with
     * passwords cannot be saved (and nothing else needs it).
     */
    Optional<String> encryptionKey();

    /** Keys of values written before the current key, still read. */
    Optional<List<String>> previousEncryptionKeys();

    /** E-mail in and out. */
    Mail mail();

    /** SLA clocks and their scheduler. */
    Sla sla();

    /** Reminders and due dates: how often the leader looks for due ones. */
    Reminders reminders();

    /** The scheduler of reminders and overdue notices. */
    interface Reminders {

        /** How often the leader looks for reminders and due dates that came. */
        @WithDefault("10s")
        Duration checkEvery();
    }

    /** SLA clocks: when to warn, how often due warnings and breaches are looked for. */
    interface Sla {

        /** The fraction of a target after which {@code helpdesk.ticket.sla_warning} fires (0.8: at 80 %). */
        @WithDefault("0.8")
        double warningFraction();

        /** How often the leader looks for warnings and breaches that are due. */
        @WithDefault("10s")
        Duration checkEvery();

        /** Timers fired per transaction. */
        @WithDefault("200")
        int batchSize();
    }

    /** E-mail in (IMAP polling) and out (the SMTP queue). */
    interface Mail {

        /** How often the leader polls every enabled mailbox. */
        @WithDefault("30s")
        Duration pollEvery();

        /** How long after the start the first poll waits. */
        @WithDefault("10s")
        Duration pollDelay();

        /** How often the queue of mail to send is looked at. */
        @WithDefault("5s")
        Duration sendEvery();

        /** Connect and read timeout of IMAP and SMTP connections. */
        @WithDefault("20s")
        Duration timeout();

        /** Mail servers on private, loopback or link-local addresses are allowed (local runs and tests only). */
        @WithDefault("false")
        boolean allowPrivate();

        /** The first wait after a failed send; it doubles up to {@link #retryMax()}. */
        @WithDefault("30s")
        Duration retryInitial();

        @WithDefault("30m")
        Duration retryMax();

        /** Attempts before a mail is given up as failed. */
        @WithDefault("30")
        int maxAttempts();

        /** Messages larger than this (bytes) are not imported (recorded as dropped, too_large). */
        @WithDefault("26214400")
        long maxMessageSize();

        /** At most this many acknowledgements go to one address per hour, whatever it sends. */
        @WithDefault("3")
        int acknowledgementsPerHour();

        /** New messages read per mailbox and poll. */
        @WithDefault("100")
        int batchSize();
    }
}
