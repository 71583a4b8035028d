package org.osprey.alertmanager.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;

class SilencesTest {
    @TempDir
    Path dir;

    private static Silence silence(long start, long end, LabelMatcher... ms) {
        return new Silence("", List.of(ms), start, end, 0, "me", "why");
    }

    @Test
    void statesMutingAndPersistence() throws Exception {
        long now = 1_000_000;
        Path file = dir.resolve("silences");
        Silences s = new Silences(file, 3_600_000);
        String active = s.set(silence(now - 10, now + 1000, LabelMatcher.equal("job", "api"), LabelMatcher.notRegex("env", "dev|test")), now);
        String pending = s.set(silence(now + 500, now + 1000, LabelMatcher.equal("job", "web")), now);
        assertEquals(SilenceState.ACTIVE, s.get(active).stateAt(now));
        assertEquals(SilenceState.PENDING, s.get(pending).stateAt(now));
        assertEquals(List.of(active), s.mutedBy(Labels.of("job", "api", "env", "prod"), now));
        assertEquals(List.of(), s.mutedBy(Labels.of("job", "api", "env", "dev"), now), "!~ excludes dev");
        assertEquals(List.of(), s.mutedBy(Labels.of("job", "web"), now), "pending silences do not mute");

        Silences reopened = new Silences(file, 3_600_000);
        assertEquals(2, reopened.all().size());
        assertEquals(s.get(active), reopened.get(active));
        reopened.expire(pending, now);
        assertEquals(SilenceState.EXPIRED, reopened.get(pending).stateAt(now));
        assertThrows(SilenceException.class, () -> reopened.expire(pending, now));
        assertEquals(1, reopened.gc(now + 3_600_000 + 1));
    }

    @Test
    void validationAndCorruptionAreReported() throws Exception {
        Silences s = new Silences(dir.resolve("silences"), 1000);
        assertThrows(SilenceException.class, () -> s.set(silence(0, 10, LabelMatcher.regex("a", ".*")), 5));
        assertThrows(SilenceException.class, () -> s.set(silence(0, 10), 5));
        assertThrows(SilenceException.class, () -> s.set(silence(20, 10, LabelMatcher.equal("a", "b")), 5));
        s.set(silence(0, 100, LabelMatcher.equal("a", "b")), 5);
        byte[] bytes = Files.readAllBytes(dir.resolve("silences"));
        bytes[bytes.length - 6] ^= 1;
        Files.write(dir.resolve("silences"), bytes);
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> new Silences(dir.resolve("silences"), 1000));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }
}
