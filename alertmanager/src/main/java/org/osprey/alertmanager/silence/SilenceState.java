package org.osprey.alertmanager.silence;

import java.util.Locale;

/** Silence states as the v2 API names them. */
public enum SilenceState {
    PENDING, ACTIVE, EXPIRED;

    /** The API spelling: "pending", "active", "expired". */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
