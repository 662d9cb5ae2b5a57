package io.lessontutor.search;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The quantized all-MiniLM-L6-v2 model that ships inside langchain4j's jar, run in-process and
 * offline, with one ONNX thread per call. A question is a dozen tokens: splitting that work
 * across threads costs more in hand-offs than it saves, and with the default pool the slowest
 * 1% of embeddings took 6 to 9 ms here against under 5 ms single-threaded (same vectors). Concurrent
 * questions still run in parallel, each on its caller's thread. Thread-safe.
 */
public final class MiniLmEmbeddingModel extends AbstractInProcessEmbeddingModel {

  private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";
  private static final int DIMENSION = 384;
  /**
   * What names this model's vectors in an index kept on disk: the model file, its dimension and
   * pooling. An index embedded by anything else is rebuilt ({@link IndexFolder}).
   */
  public static final String IDENTITY = "langchain4j" + MODEL + "/" + DIMENSION + "/mean";

  private final OnnxBertBiEncoder encoder;

  public MiniLmEmbeddingModel() {
    super(null);
    try (InputStream model = resource(MODEL);
         InputStream tokenizer = resource(TOKENIZER);
         OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      OrtSession session = environment.createSession(model.readAllBytes(), options);
      encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedding model from its jar", e);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the embedding model: " + e.getMessage(), e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("the embedding model " + name + " is missing from the class path");
    }
    return in;
  }

  @Override
  protected OnnxBertBiEncoder model() {
    return encoder;
  }

  @Override
  protected Integer knownDimension() {
    return DIMENSION;
  }
}
