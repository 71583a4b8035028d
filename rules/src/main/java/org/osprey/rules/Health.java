package org.osprey.rules;

/** A rule's health as the rules API reports it ("unknown", "ok", "err"). */
public enum Health {
    UNKNOWN("unknown"), OK("ok"), ERR("err");

    private final String apiName;

    Health(String apiName) {
        this.apiName = apiName;
    }

    @Override
    public String toString() {
        return apiName;
    }
}
