package org.osprey.alertmanager.notify;

/**
 * One configured delivery target of a receiver (an {@code email_configs} or {@code webhook_configs}
 * entry). Implementations must be safe to call from several threads at once.
 */
public interface Integration {
    /** The integration kind as upstream names it in metrics: "email", "webhook". */
    String name();

    /** Position among the receiver's integrations of the same kind. */
    int index();

    boolean sendResolved();

    /**
     * Delivers one notification.
     *
     * @param deadlineMillis Unix ms after which the attempt should give up
     * @throws NotifyException when delivery failed
     */
    void send(NotificationData data, long deadlineMillis) throws NotifyException;
}
