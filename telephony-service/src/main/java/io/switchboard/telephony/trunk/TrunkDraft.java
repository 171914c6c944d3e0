package io.switchboard.telephony.trunk;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What can be set on a trunk (the password is write-only and travels beside it). */
public record TrunkDraft(
        @Size(max = 200) String description,

        @NotNull @Pattern(regexp = "registration|ip", message = "must be registration or ip") String mode,

        @NotBlank @Size(max = 200) String host,
        @NotNull @Min(1) @Max(65535) Integer port,

        @NotNull @Pattern(regexp = "udp|tcp|tls", message = "must be udp, tcp or tls") String transport,

        @Size(max = 40) String username,
        @Size(max = 100) String realm,
        @Size(max = 40) String fromUser,
        @Size(max = 40) String fromDomain,

        @Pattern(regexp = "^\\+?[0-9]{3,20}$", message = "must be a phone number such as +4930123456") String callerId,

        @NotNull List<String> codecs,
        @NotNull @Size(max = 20) List<String> allowedIps,
        @NotNull @Valid Nat nat) {

    /** NAT traversal settings of the trunk's endpoint. */
    public record Nat(
            @NotNull Boolean rtpSymmetric,
            @NotNull Boolean forceRport,
            @NotNull Boolean rewriteContact,
            @NotNull Boolean directMedia) {

        public static Nat defaults() {
            return new Nat(true, true, true, false);
        }
    }
}
