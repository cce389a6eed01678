package dev.digits.model.folder;

/** The folder's read counters, summed, for tests outside this package. */
public record FolderReads(long servingProperties, long metadata, long parametersHashed) {

    public static FolderReads now() {
        return new FolderReads(ReadCounts.SERVING_PROPERTIES.sum(), ReadCounts.METADATA.sum(),
                ReadCounts.PARAMETERS_HASHED.sum());
    }

    /** The reads since {@code before}. */
    public FolderReads since(FolderReads before) {
        return new FolderReads(servingProperties - before.servingProperties, metadata - before.metadata,
                parametersHashed - before.parametersHashed);
    }
}
