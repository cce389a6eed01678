package dev.digits.model.folder;

/**
 * A model's network exported as ONNX, as its metadata records it.
 *
 * @param file the file in the model folder, {@code model-SHA8.onnx} (SHA8 of the weights it was made from)
 * @param sha256 the file's own SHA-256, checked before it is loaded
 * @param opset the ONNX opset it declares
 */
public record OnnxFile(String file, String sha256, int opset) {}
