package org.osprey.tsdb.block;

import java.io.IOException;
import java.nio.file.Path;

/** A block file failed validation; names the file and what was wrong. */
public final class CorruptBlockException extends IOException {
    public CorruptBlockException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
