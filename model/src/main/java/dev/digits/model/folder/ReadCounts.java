package dev.digits.model.folder;

import java.util.concurrent.atomic.LongAdder;

/** How often the folder's files were read and checked, for the test that counts what one load reads. */
final class ReadCounts {

    static final LongAdder SERVING_PROPERTIES = new LongAdder();
    static final LongAdder METADATA = new LongAdder();
    static final LongAdder PARAMETERS_HASHED = new LongAdder();

    private ReadCounts() {}
}
