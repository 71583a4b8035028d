package org.osprey.rules;

/** An alert's state; {@link #toString()} gives the API and {@code alertstate} spelling. */
public enum AlertState {
    INACTIVE, PENDING, FIRING;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
