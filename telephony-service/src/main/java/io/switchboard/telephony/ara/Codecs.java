package io.switchboard.telephony.ara;

import io.switchboard.commons.problem.Validation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks an ordered codec list against the codecs the deployment allows. */
public final class Codecs {

    private Codecs() {}

    public static void check(List<String> codecs, List<String> allowed, String field, Validation validation) {
        if (codecs == null) {
            return;
        }
        if (codecs.isEmpty()) {
            validation.add(field, "name at least one codec, in order of preference; allowed: " + allowed);
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < codecs.size(); i++) {
            String codec = codecs.get(i);
            if (!allowed.contains(codec)) {
                validation.add(field + "[" + i + "]", "unknown codec '" + codec + "'; allowed: " + allowed);
            } else if (!seen.add(codec)) {
                validation.add(field + "[" + i + "]", "'" + codec + "' is listed twice");
            }
        }
    }
}
