package org.osprey.scrape.discovery;

import java.util.List;
import java.util.function.Consumer;

/**
 * One running service discovery (one {@code *_sd_configs} entry). After {@link #start} it reports
 * its complete current list of target groups to the sink each time it changes (replace, not
 * delta). Implementations call the sink from their own thread; it must not block for long.
 * Thread-safety: start and close are called once each, from any thread.
 */
public interface Discoverer extends AutoCloseable {
    void start(Consumer<List<TargetGroup>> sink);

    /** Stops discovering and releases resources; no sink calls after it returns. */
    @Override
    void close();
}
