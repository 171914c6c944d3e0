package io.switchboard.telephony.trunk;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new SIP trunk. Registration trunks register to the provider with {@code username}/{@code password}; IP trunks
 * are recognized by the provider's addresses in {@code allowedIps}.
 */
public record TrunkCreate(
        @NotNull @Pattern(regexp = NAME, message = "must be 1 to 30 lowercase letters, digits and hyphens") @Schema(examples = "carrier1")
        String name,

        String description,

        @Schema(description = "registration (default) or ip")
        String mode,

        @NotNull @Schema(examples = "sip.carrier.example") String host,
        @Schema(description = "Default 5060 (5061 for tls)") Integer port,
        @Schema(description = "udp (default), tcp or tls") String transport,
        String username,
        @Schema(description = "Write-only; never returned") String password,

        @Schema(description = "The provider's digest realm: when known, only a digest of the password is stored")
        String realm,

        String fromUser,
        String fromDomain,

        @Schema(description = "Number presented on outbound calls, E.164")
        String callerId,

        List<String> codecs,

        @Schema(description = "Provider addresses or CIDR ranges (ip trunks)")
        List<String> allowedIps,

        TrunkDraft.Nat nat) {

    public static final String NAME = "^[a-z0-9](?:[a-z0-9-]{0,28}[a-z0-9])?$";
}
