package org.osprey.probes.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osprey.model.labels.Labels;
import org.osprey.probes.FailureReason;
import org.osprey.probes.ProbeResult;
import org.osprey.probes.config.HttpSettings;
import org.osprey.probes.config.ProbeDefinition;
import org.osprey.probes.config.ProbeKind;

class AlertTrackerTest {
    /** Keeps what the tracker sent, in order, prefixed with "firing"/"resolved". */
    static final class RecordingSink implements AlertSink {
        final List<String> events = new ArrayList<>();
        final List<ProbeAlert> alerts = new ArrayList<>();

        @Override
        public synchronized void firing(ProbeAlert alert) {
            events.add("firing");
            alerts.add(alert);
        }

        @Override
        public synchronized void resolved(ProbeAlert alert) {
            events.add("resolved");
            alerts.add(alert);
        }
    }

    private static ProbeDefinition probe(int failuresBeforeAlert) {
        HttpSettings http = new HttpSettings(java.net.URI.create("http://x/"), "GET", java.util.Map.of(), null, List.of(), null,
                java.util.Map.of(), null, false, true);
        return new ProbeDefinition("api", ProbeKind.HTTP, Duration.ofSeconds(10), Duration.ofSeconds(5), "critical",
                Labels.of("team", "core"), failuresBeforeAlert, http, null, null);
    }

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void firesAfterNConsecutiveFailuresOnly() {
        RecordingSink sink = new RecordingSink();
        AlertTracker t = new AlertTracker(probe(3), Duration.ofMinutes(1), sink);
        ProbeResult fail = ProbeResult.failed(FailureReason.STATUS, "status 503");
        assertFalse(t.observe(fail, T0));
        assertFalse(t.observe(fail, T0.plusSeconds(10)));
        assertFalse(t.observe(ProbeResult.ok(), T0.plusSeconds(20)), "a pass resets the count");
        assertFalse(t.observe(fail, T0.plusSeconds(30)));
        assertFalse(t.observe(fail, T0.plusSeconds(40)));
        assertTrue(sink.events.isEmpty());
        assertTrue(t.observe(ProbeResult.failed(FailureReason.BODY_REGEX, "body mismatch"), T0.plusSeconds(50)));
        assertEquals(List.of("firing"), sink.events);

        ProbeAlert a = sink.alerts.get(0);
        assertEquals(Labels.of("alertname", "ProbeFailed", "probe", "api", "kind", "http", "severity", "critical", "team", "core"), a.labels());
        assertEquals("body mismatch", a.annotations().get("description"));
        assertEquals("body_regex", a.annotations().get("reason"));
        assertEquals(T0.plusSeconds(50), a.startsAt());
        assertNull(a.endsAt());
    }

    @Test
    void resendsWhileFailingAndResolvesOnPass() {
        RecordingSink sink = new RecordingSink();
        AlertTracker t = new AlertTracker(probe(1), Duration.ofSeconds(30), sink);
        ProbeResult fail = ProbeResult.failed(FailureReason.TIMEOUT, "no response");
        t.observe(fail, T0);
        t.observe(fail, T0.plusSeconds(10));
        t.observe(fail, T0.plusSeconds(20));
        assertEquals(List.of("firing"), sink.events, "no resend before the interval");
        t.observe(fail, T0.plusSeconds(30));
        assertEquals(List.of("firing", "firing"), sink.events);
        assertEquals(T0, sink.alerts.get(1).startsAt(), "a resend keeps the original start");

        assertFalse(t.observe(ProbeResult.ok(), T0.plusSeconds(40)));
        assertEquals(List.of("firing", "firing", "resolved"), sink.events);
        ProbeAlert resolved = sink.alerts.get(2);
        assertEquals(T0, resolved.startsAt());
        assertEquals(T0.plusSeconds(40), resolved.endsAt());
        assertTrue(resolved.resolved());

        t.observe(ProbeResult.ok(), T0.plusSeconds(50));
        assertEquals(3, sink.events.size(), "no second resolve");
    }

    @Test
    void aThrowingSinkDoesNotBreakTheState() {
        AlertSink broken = new AlertSink() {
            @Override
            public void firing(ProbeAlert alert) {
                throw new IllegalStateException("notifier down");
            }

            @Override
            public void resolved(ProbeAlert alert) {
                throw new IllegalStateException("notifier down");
            }
        };
        AlertTracker t = new AlertTracker(probe(1), Duration.ofSeconds(30), broken);
        assertTrue(t.observe(ProbeResult.failed(FailureReason.CONNECT, "refused"), T0));
        assertFalse(t.observe(ProbeResult.ok(), T0.plusSeconds(5)));
        assertFalse(t.firing());
    }
}
