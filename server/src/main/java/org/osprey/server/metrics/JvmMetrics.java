package org.osprey.server.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import org.osprey.server.BuildInfo;

/**
 * Process and JVM figures: the standard {@code process_*} families Prometheus client libraries
 * export, plus {@code jvm_*} memory, thread and GC figures and {@code osprey_build_info}.
 * Thread-safe: reads MXBeans on every scrape.
 */
public final class JvmMetrics implements MetricsSource {
    private final long startMillis = ManagementFactory.getRuntimeMXBean().getStartTime();

    @Override
    public void writeTo(TextMetricsWriter out) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            out.family("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.")
                    .sample("process_cpu_seconds_total", sun.getProcessCpuTime() / 1e9);
        }
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            out.family("process_open_fds", "gauge", "Number of open file descriptors.")
                    .sample("process_open_fds", unix.getOpenFileDescriptorCount());
            out.family("process_max_fds", "gauge", "Maximum number of open file descriptors.")
                    .sample("process_max_fds", unix.getMaxFileDescriptorCount());
        }
        out.family("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.")
                .sample("process_start_time_seconds", startMillis / 1000.0);
        Runtime rt = Runtime.getRuntime();
        out.family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes (JVM committed heap and non-heap).")
                .sample("process_resident_memory_bytes", committedBytes());

        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        out.family("jvm_memory_used_bytes", "gauge", "Used bytes of a given JVM memory area.")
                .sample("jvm_memory_used_bytes", heap.getUsed(), "area", "heap")
                .sample("jvm_memory_used_bytes", nonHeap.getUsed(), "area", "nonheap");
        out.family("jvm_memory_committed_bytes", "gauge", "Committed bytes of a given JVM memory area.")
                .sample("jvm_memory_committed_bytes", heap.getCommitted(), "area", "heap")
                .sample("jvm_memory_committed_bytes", nonHeap.getCommitted(), "area", "nonheap");
        out.family("jvm_memory_max_bytes", "gauge", "Max bytes of a given JVM memory area (-1 when unbounded).")
                .sample("jvm_memory_max_bytes", rt.maxMemory(), "area", "heap")
                .sample("jvm_memory_max_bytes", nonHeap.getMax(), "area", "nonheap");
        out.family("jvm_memory_pool_used_bytes", "gauge", "Used bytes of a given JVM memory pool.");
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            out.sample("jvm_memory_pool_used_bytes", pool.getUsage().getUsed(), "pool", pool.getName());
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        out.family("jvm_threads_current", "gauge", "Current platform thread count of the JVM.")
                .sample("jvm_threads_current", threads.getThreadCount());
        out.family("jvm_threads_peak", "gauge", "Peak platform thread count of the JVM.")
                .sample("jvm_threads_peak", threads.getPeakThreadCount());
        out.family("jvm_gc_collection_seconds", "summary", "Time spent in a given JVM garbage collector in seconds.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.sample("jvm_gc_collection_seconds_count", gc.getCollectionCount(), "gc", gc.getName());
            out.sample("jvm_gc_collection_seconds_sum", gc.getCollectionTime() / 1000.0, "gc", gc.getName());
        }
        out.family("jvm_info", "gauge", "VM version info.")
                .sample("jvm_info", 1, "runtime", System.getProperty("java.runtime.name", ""),
                        "vendor", System.getProperty("java.vm.vendor", ""), "version", System.getProperty("java.runtime.version", ""));
        out.family("osprey_build_info", "gauge",
                        "A metric with a constant '1' value labeled by version, revision, branch, and the runtime version.")
                .sample("osprey_build_info", 1, "branch", BuildInfo.BRANCH, "goversion", BuildInfo.runtimeVersion(),
                        "revision", BuildInfo.REVISION, "version", BuildInfo.VERSION);
    }

    private static long committedBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted()
                + ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted();
    }
}
