package dev.digits.train.data;

import dev.digits.model.nn.DigitNetwork;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks that a raw IDX file is the MNIST file it claims to be, before DJL reads it blindly. */
final class IdxHeader {

    private IdxHeader() {}

    static void check(Path file, MnistFile expected, String shownName) {
        long length;
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(raw)) {
            length = Files.size(file);
            int magic = in.readInt();
            if (magic != expected.magic()) {
                throw new MnistDataException(shownName + " is not an MNIST " + (expected.isImages() ? "image" : "label")
                        + " file: its magic number is " + magic + ", expected " + expected.magic()
                        + " (wrong file, or not an IDX file).");
            }
            int count = in.readInt();
            if (count != expected.count()) {
                throw new MnistDataException(shownName + " holds " + count + " items, expected " + expected.count()
                        + " for " + expected.fileName() + ".");
            }
            if (expected.isImages()) {
                int rows = in.readInt();
                int columns = in.readInt();
                if (rows != DigitNetwork.IMAGE_SIDE || columns != DigitNetwork.IMAGE_SIDE) {
                    throw new MnistDataException(shownName + " holds " + rows + "x" + columns
                            + " images, expected 28x28.");
                }
            }
        } catch (EOFException e) {
            throw new MnistDataException(shownName + " is truncated: it ends inside its header.", e);
        } catch (IOException e) {
            throw new MnistDataException("cannot read " + shownName + ": " + e.getMessage(), e);
        }
        if (length < expected.expectedLength()) {
            throw new MnistDataException(shownName + " is truncated: " + length + " bytes, expected "
                    + expected.expectedLength() + ".");
        }
        if (length > expected.expectedLength()) {
            throw new MnistDataException(shownName + " has " + (length - expected.expectedLength())
                    + " bytes more than its header says (" + length + " bytes, expected "
                    + expected.expectedLength() + ").");
        }
    }
}
