package org.osprey.alertmanager.notify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osprey.alertmanager.nflog.NotificationLog;

/** The dedup decision of upstream's DedupStage, case by case. */
class DedupTest {
    private static final long HOUR = 3_600_000;

    @Test
    void needsUpdate() {
        long now = 10 * HOUR;
        NotificationLog.Entry sent = new NotificationLog.Entry(Set.of(1L, 2L), Set.of(), now - 60_000, now + HOUR);
        assertTrue(NotificationPipeline.needsUpdate(null, Set.of(1L), Set.of(), true, HOUR, now), "first firing");
        assertFalse(NotificationPipeline.needsUpdate(null, Set.of(), Set.of(1L), true, HOUR, now), "only resolved, never sent");
        assertFalse(NotificationPipeline.needsUpdate(sent, Set.of(1L, 2L), Set.of(), true, HOUR, now), "unchanged");
        assertFalse(NotificationPipeline.needsUpdate(sent, Set.of(1L), Set.of(), false, HOUR, now), "fewer firing, no send_resolved");
        assertTrue(NotificationPipeline.needsUpdate(sent, Set.of(1L), Set.of(2L), true, HOUR, now), "one resolved, send_resolved");
        assertTrue(NotificationPipeline.needsUpdate(sent, Set.of(1L, 2L, 3L), Set.of(), false, HOUR, now), "new firing");
        assertTrue(NotificationPipeline.needsUpdate(sent, Set.of(), Set.of(1L, 2L), false, HOUR, now), "all resolved clears the log");
        assertTrue(NotificationPipeline.needsUpdate(sent, Set.of(1L, 2L), Set.of(), true, 30_000, now), "repeat interval passed");
    }
}
