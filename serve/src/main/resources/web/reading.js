// Reads the page's drawings in the browser: ONNX Runtime Web (served from the jar) runs the model's
// ONNX export, with no request per stroke.
//
// The preprocessing is the server's for a drawing on clean white paper (DigitImages: grey levels, the
// ink bright, stretched to the brightest ink, ink under 0.06 taken for noise; MnistFraming: cropped to
// the ink, area-resampled to fit 20x20, placed in 28x28 by its centre of mass). What else the server
// does (uneven light, ink at the image's edges, specks apart from the digit) is not done here: a
// drawing whose ink reaches the pad's edges is sent to the server. DrawPageTest checks that the two
// give the same digit, and nearly the same pixels, on drawn strokes.
const digitsBrowser = (() => {
  const SIDE = 28;
  const BOX = 20;
  const NOISE = 0.06;

  /** The ink of RGBA pixels, 0 paper to 1 ink, as the server's grey levels inverted. */
  function inkOf(image) {
    const { width, height, data } = image;
    const ink = new Float32Array(width * height);
    for (let i = 0; i < ink.length; i++) {
      const luminance = (0.299 * data[4 * i] + 0.587 * data[4 * i + 1] + 0.114 * data[4 * i + 2]) / 255;
      ink[i] = (data[4 * i + 3] / 255) * (1 - luminance);
    }
    return ink;
  }

  function reachesEdges(ink, width, height) {
    for (let x = 0; x < width; x++) {
      if (ink[x] > NOISE || ink[(height - 1) * width + x] > NOISE) return true;
    }
    for (let y = 0; y < height; y++) {
      if (ink[y * width] > NOISE || ink[y * width + width - 1] > NOISE) return true;
    }
    return false;
  }

  /** Area-average resampling of one line: each target pixel the mean of the source it covers. */
  function resampleLine(input, inStart, inStep, inLength, out, outStart, outStep, outLength) {
    const scale = inLength / outLength;
    for (let o = 0; o < outLength; o++) {
      const from = o * scale;
      const to = from + scale;
      let sum = 0;
      for (let i = Math.floor(from); i < Math.min(inLength, Math.ceil(to)); i++) {
        const cover = Math.min(to, i + 1) - Math.max(from, i);
        if (cover > 0) sum += cover * input[inStart + i * inStep];
      }
      out[outStart + o * outStep] = sum / scale;
    }
  }

  function resample(source, sourceWidth, sourceHeight, width, height) {
    const rows = new Float32Array(width * sourceHeight);
    for (let y = 0; y < sourceHeight; y++) resampleLine(source, y * sourceWidth, 1, sourceWidth, rows, y * width, 1, width);
    const target = new Float32Array(width * height);
    for (let x = 0; x < width; x++) resampleLine(rows, x, width, sourceHeight, target, x, width, height);
    return target;
  }

  /**
   * The 784 pixels the network reads for a drawing (ImageData on white), or a reason to read it
   * on the server instead: { pixels } or { blank: true } or { serverReads: 'why' }.
   */
  function pixelsOf(image) {
    const { width, height } = image;
    const ink = inkOf(image);
    let max = 0;
    for (const v of ink) max = Math.max(max, v);
    if (max <= 0) return { blank: true };
    if (reachesEdges(ink, width, height)) return { serverReads: "the drawing reaches the pad's edge" };
    let left = width, right = -1, top = height, bottom = -1;
    for (let i = 0; i < ink.length; i++) {
      const v = Math.min(1, ink[i] / max);
      ink[i] = v < NOISE ? 0 : v;
      if (ink[i] > 0) {
        const x = i % width, y = (i - x) / width;
        left = Math.min(left, x); right = Math.max(right, x);
        top = Math.min(top, y); bottom = Math.max(bottom, y);
      }
    }
    const boxWidth = right - left + 1, boxHeight = bottom - top + 1;
    const scale = BOX / Math.max(boxWidth, boxHeight);
    const scaledWidth = Math.max(1, Math.round(boxWidth * scale));
    const scaledHeight = Math.max(1, Math.round(boxHeight * scale));
    const crop = new Float32Array(boxWidth * boxHeight);
    for (let y = 0; y < boxHeight; y++) {
      for (let x = 0; x < boxWidth; x++) crop[y * boxWidth + x] = ink[(top + y) * width + left + x];
    }
    const box = resample(crop, boxWidth, boxHeight, scaledWidth, scaledHeight);
    let mass = 0, sumX = 0, sumY = 0;
    for (let y = 0; y < scaledHeight; y++) {
      for (let x = 0; x < scaledWidth; x++) {
        const v = box[y * scaledWidth + x];
        mass += v; sumX += v * x; sumY += v * y;
      }
    }
    const offsetX = Math.round(SIDE / 2 - (mass > 0 ? sumX / mass : (scaledWidth - 1) / 2));
    const offsetY = Math.round(SIDE / 2 - (mass > 0 ? sumY / mass : (scaledHeight - 1) / 2));
    const pixels = new Float32Array(SIDE * SIDE);
    for (let y = 0; y < scaledHeight; y++) {
      for (let x = 0; x < scaledWidth; x++) {
        const tx = x + offsetX, ty = y + offsetY;
        if (tx >= 0 && tx < SIDE && ty >= 0 && ty < SIDE) pixels[ty * SIDE + tx] = box[y * scaledWidth + x];
      }
    }
    return { pixels };
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error('cannot load ' + src));
      document.head.appendChild(script);
    });
  }

  /** Loads the runtime and the model, and runs it once: { read(pixels) -> Promise of 10 probabilities }. */
  async function load(modelPath) {
    await loadScript('browser/ort.wasm.min.js');
    // One thread: several would need a cross-origin isolated page, and a digit is a small pass.
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.wasmPaths = new URL('browser/', location.href).href;
    const session = await ort.InferenceSession.create(modelPath, { executionProviders: ['wasm'] });
    const read = async pixels => {
      const input = new ort.Tensor('float32', pixels, [1, 1, SIDE, SIDE]);
      const output = await session.run({ [session.inputNames[0]]: input });
      const probabilities = Array.from(output[session.outputNames[0]].data);
      input.dispose();
      output[session.outputNames[0]].dispose();
      return probabilities;
    };
    await read(new Float32Array(SIDE * SIDE));
    return { read, version: ort.env.versions.web };
  }

  return { pixelsOf, load };
})();
