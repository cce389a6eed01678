package dev.digits.spark;

import dev.digits.model.image.ImageDecoder;
import dev.digits.model.inference.DigitRecognizer;
import dev.digits.model.image.InvalidImageException;
import dev.digits.model.inference.Reading;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Scores a partition of {@link ImageRows} in batches, through this executor's recognizer: the
 * images of a batch share one forward pass, and an image that cannot be read is a row with its
 * error. Rows stream through: a partition is never held whole.
 */
public final class PartitionScorer implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final ExecutorModel model;
    private final int batchSize;
    private final long maxBytes;
    private final boolean numbers;

    /**
     * @param numbers read each image as a whole number ({@link ScoredRows#NUMBER_SCHEMA}), not as
     *     one digit ({@link ScoredRows#SCHEMA})
     */
    public PartitionScorer(ExecutorModel model, int batchSize, long maxBytes, boolean numbers) {
        this.model = model;
        this.batchSize = batchSize;
        this.maxBytes = maxBytes;
        this.numbers = numbers;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> images) {
        return new Iterator<>() {
            private Iterator<Row> batch = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                while (!batch.hasNext() && images.hasNext()) {
                    batch = score(take(images)).iterator();
                }
                return batch.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.next();
            }
        };
    }

    private List<Row> take(Iterator<Row> images) {
        List<Row> rows = new ArrayList<>(batchSize);
        while (rows.size() < batchSize && images.hasNext()) {
            rows.add(images.next());
        }
        return rows;
    }

    private List<Row> score(List<Row> rows) {
        List<DigitRecognizer.ImageSource> sources = new ArrayList<>(rows.size());
        List<Integer> readable = new ArrayList<>(rows.size());
        Row[] answers = new Row[rows.size()];
        long maxPixels = model.maxPixels();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String path = row.getString(0);
            String error = row.isNullAt(2) ? null : row.getString(2);
            if (error != null) {
                answers[i] = ScoredRows.failed(path, error);
                continue;
            }
            byte[] content = row.isNullAt(1) ? null : (byte[]) row.get(1);
            readable.add(i);
            sources.add(content != null
                    ? () -> ImageDecoder.decode(content, maxPixels)
                    : () -> ImageDecoder.decode(read(path), maxPixels));
        }
        if (sources.isEmpty()) {
            return List.of(answers);
        }
        DigitRecognizer recognizer = model.recognizer();
        if (numbers) {
            // A number is a forward pass of its own: its candidate digits.
            for (int i = 0; i < sources.size(); i++) {
                int index = readable.get(i);
                String path = rows.get(index).getString(0);
                try {
                    answers[index] = ScoredRows.number(path, recognizer.readNumber(sources.get(i)));
                } catch (InvalidImageException e) {
                    answers[index] = ScoredRows.failed(path, e.getMessage());
                }
            }
        } else {
            List<Reading> readings = recognizer.readEach(sources);
            for (int i = 0; i < readings.size(); i++) {
                int index = readable.get(i);
                answers[index] = ScoredRows.row(rows.get(index).getString(0), readings.get(i));
            }
        }
        return List.of(answers);
    }

    /** The bytes of a file named by a table, on any file system Hadoop reads. */
    private byte[] read(String location) {
        try {
            Path path = new Path(location);
            FileSystem fs = path.getFileSystem(new Configuration());
            FileStatus status = fs.getFileStatus(path);
            if (!status.isFile()) {
                throw new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE, "not a regular file");
            }
            if (status.getLen() > maxBytes) {
                throw new InvalidImageException(InvalidImageException.Reason.TOO_LARGE,
                        "the file is " + status.getLen() + " bytes; at most " + maxBytes + " are read");
            }
            try (InputStream in = fs.open(path)) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) status.getLen());
                in.transferTo(bytes);
                return bytes.toByteArray();
            }
        } catch (java.io.FileNotFoundException e) {
            throw new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE, "no such file");
        } catch (IOException | IllegalArgumentException e) {
            if (e instanceof InvalidImageException invalid) {
                throw invalid;
            }
            throw new InvalidImageException(InvalidImageException.Reason.NOT_AN_IMAGE,
                    "cannot read the file: " + e.getMessage(), e);
        }
    }
}
