package io.lessontutor;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.lessontutor.answer.Answerer;
import io.lessontutor.answer.ChatModels;
import io.lessontutor.answer.ExtractiveAnswerer;
import io.lessontutor.answer.LessonListing;
import io.lessontutor.answer.WhileReading;
import io.lessontutor.checklist.Checklist;
import io.lessontutor.checklist.ChecklistFileParser;
import io.lessontutor.checklist.ChecklistHistory;
import io.lessontutor.checklist.ChecklistService;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.knowledge.LessonCache;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.metrics.MicrometerMetrics;
import io.lessontutor.quiz.QuizBank;
import io.lessontutor.quiz.QuizService;
import io.lessontutor.quiz.QuizSettings;
import io.lessontutor.quiz.ScheduledRounds;
import io.lessontutor.report.QuestionGaps;
import io.lessontutor.search.Fusion;
import io.lessontutor.search.IndexFolder;
import io.lessontutor.search.IndexProgress;
import io.lessontutor.search.LessonVocabulary;
import io.lessontutor.search.LucenePassageRetriever;
import io.lessontutor.search.MiniLmEmbeddingModel;
import io.lessontutor.search.PassageRetriever;
import io.lessontutor.search.ScoredPassage;
import io.lessontutor.search.Vocabulary;
import io.lessontutor.store.ChannelSettingsStore;
import io.lessontutor.store.Database;
import io.lessontutor.store.DeliveryStore;
import io.lessontutor.store.FeedbackStore;
import io.lessontutor.store.GapStore;
import io.lessontutor.store.PrivateAnswerStore;
import io.lessontutor.store.ScheduleStore;
import io.lessontutor.store.ThreadStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The composition root: builds the object graph from configuration once and hands it to whichever
 * front end runs (Slack Socket Mode, Slack HTTP, console, one-shot commands). Every service is
 * built once, on first use (the ask command never opens the database), and handed to the front
 * end that uses it; nothing else carries the tutor around.
 */
public final class Tutor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Tutor.class);

  private final TutorConfig config;
  private final LessonLibrary library;
  private final PassageRetriever retriever;
  private final Answerer answerer;
  private final Checklist checklist;
  private final QuizBank quizBank;
  private final Lazy<Database> database;
  private final Lazy<ChecklistService> checklistService;
  private final Lazy<QuizService> quiz;
  private final Lazy<DeliveryStore> deliveries;
  private final Lazy<ThreadStore> threads;
  private final Lazy<FeedbackStore> feedback;
  private final MicrometerMetrics metrics = new MicrometerMetrics();
  private final Lazy<QuestionGaps> gaps;
  private final Lazy<ChannelSettingsStore> channelSettings;
  private final Lazy<PrivateAnswerStore> privateAnswers;
  private final Lazy<ScheduledRounds> scheduledRounds;

  /** A tutor whose checklist and quiz bank are loaded from the configured knowledge folder. */
  public Tutor(TutorConfig config, LessonLibrary library, PassageRetriever retriever, Answerer answerer) {
    this(config, library, retriever, answerer,
        new ChecklistFileParser(library).load(config.knowledgeDir()), QuizBank.load(config.knowledgeDir(), library));
  }

  public Tutor(TutorConfig config, LessonLibrary library, PassageRetriever retriever, Answerer answerer,
               Checklist checklist, QuizBank quizBank) {
    this.config = Objects.requireNonNull(config, "config");
    this.library = Objects.requireNonNull(library, "library");
    this.retriever = Objects.requireNonNull(retriever, "retriever");
    this.answerer = Objects.requireNonNull(answerer, "answerer");
    this.checklist = Objects.requireNonNull(checklist, "checklist");
    this.quizBank = Objects.requireNonNull(quizBank, "quizBank");
    this.database = new Lazy<>(() -> Database.open(config.databaseUrl()).meter(metrics));
    this.checklistService = new Lazy<>(() -> new ChecklistService(checklist, new ChecklistHistory(database()))
        .meter(metrics));
    this.quiz = new Lazy<>(() -> new QuizService(quizBank, database(), QuizSettings.from(config)).meter(metrics));
    this.deliveries = new Lazy<>(() -> new DeliveryStore(database()).meter(metrics));
    this.threads = new Lazy<>(() -> new ThreadStore(database()));
    this.feedback = new Lazy<>(() -> new FeedbackStore(database()));
    this.gaps = new Lazy<>(() -> new QuestionGaps(new GapStore(database()), threads(), config.keepQuestionDays(),
        Clock.systemUTC()));
    this.channelSettings = new Lazy<>(() -> new ChannelSettingsStore(database()));
    this.privateAnswers = new Lazy<>(() -> new PrivateAnswerStore(database()));
    this.scheduledRounds = new Lazy<>(() -> new ScheduledRounds(quiz(),
        new ScheduleStore(database()), Clock.systemUTC(), quizZone(config)));
  }

  /**
   * Loads the knowledge folder (lessons, checklist, quiz bank), builds the index and the answerer.
   * A malformed knowledge file stops here with the file, the line and what is wrong.
   */
  public static Tutor start(TutorConfig config) {
    long start = System.nanoTime();
    // the model loads while the lessons are read and the index opens: a restart needs it only for the first question
    EmbeddingModel embeddings = "hybrid".equals(config.retrieval()) ? new LoadingModel() : null;
    // and the everyday-English word lists the gate reads: they depend on nothing
    onItsOwnThread(LessonVocabulary::prepare);
    LessonCache.Loaded read = lessons(config);
    LessonLibrary library = read.library().select(config.lessons(), TutorConfig.LESSONS);
    long indexStart = System.nanoTime();
    // the checklist and the quiz bank need only the lessons: read on another core while the index opens
    CompletableFuture<Checklist> checklist = CompletableFuture.supplyAsync(
        () -> new ChecklistFileParser(library).load(config.knowledgeDir()), Tutor::onItsOwnThread);
    CompletableFuture<QuizBank> quizBank = CompletableFuture.supplyAsync(
        () -> QuizBank.load(config.knowledgeDir(), library), Tutor::onItsOwnThread);
    // the answerer needs only the lessons' vocabulary: built as soon as it is read, while the rest of the index opens
    LateRetriever late = new LateRetriever();
    CompletableFuture<Answerer> answering = new CompletableFuture<>();
    long[] answererMillis = new long[1];
    LucenePassageRetriever retriever = index(config, library, embeddings, new IndexProgress(), words -> {
      long built = System.nanoTime();
      try {
        Answerer made = answerer(config, library, late, words, embeddings);
        answererMillis[0] = ms(System.nanoTime() - built);
        answering.complete(made);
      } catch (RuntimeException | Error e) {
        answering.completeExceptionally(e);
      }
    });
    late.set(retriever);
    long indexed = System.nanoTime();
    Tutor tutor;
    try {
      tutor = new Tutor(config, library, retriever, answering.join(), checklist.join(), quizBank.join());
    } catch (CompletionException e) {
      try {
        retriever.close();
      } catch (IOException closing) {
        log.warn("could not close the lesson index: {}", closing.toString());
      }
      // a malformed checklist or quiz file stops the start as it did when read on this thread
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    tutor.metrics().indexBuilt(library.passages().size(), Duration.ofNanos(indexed - indexStart));
    log.info("Started in {} ms: {} lessons read in {} ms ({} parsed, {} from the cache), index opened in {} ms,"
        + " answerer built in {} ms beside it, then {} ms until it, the checklist and the quiz were ready",
        ms(System.nanoTime() - start), library.lessons().size(), ms(indexStart - start), read.parsed(), read.cached(),
        ms(indexed - indexStart), answererMillis[0], ms(System.nanoTime() - indexed));
    return tutor;
  }

  /**
   * For Slack: loads the knowledge folder and returns at once, building the index on another
   * thread. Until it is built every question gets "I'm still reading the course, back in about
   * N s" ({@link WhileReading}); the checklist, the quiz and App Home work from the start. A
   * malformed knowledge file still stops here.
   */
  public static Tutor startReading(TutorConfig config) {
    return startReading(config, "hybrid".equals(config.retrieval()) ? new MiniLmEmbeddingModel() : null);
  }

  /** The same with this embedding model (null for plain BM25 when so configured). */
  public static Tutor startReading(TutorConfig config, EmbeddingModel embeddings) {
    LessonLibrary library = lessons(config).library().select(config.lessons(), TutorConfig.LESSONS);
    IndexProgress progress = new IndexProgress();
    WhileReading answerer = new WhileReading(library, progress);
    LateRetriever retriever = new LateRetriever();
    Tutor tutor = new Tutor(config, library, retriever, answerer);
    Thread reading = new Thread(() -> {
      long indexStart = System.nanoTime();
      try {
        LucenePassageRetriever built = index(config, library, embeddings, progress);
        retriever.set(built);
        answerer.ready(answerer(config, library, built, embeddings));
        tutor.metrics().indexBuilt(library.passages().size(), Duration.ofNanos(System.nanoTime() - indexStart));
        log.info("Ready: the lesson index is read ({} passages)", library.passages().size());
      } catch (RuntimeException e) {
        log.error("Cannot build the lesson index; questions get an apology until the tutor is restarted", e);
        answerer.failed(e.toString());
      }
    }, "index-reading");
    reading.setDaemon(true);
    reading.start();
    return tutor;
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  /**
   * Every lesson file of the knowledge folder, parsed only when the cache kept beside the index
   * ({@code TUTOR_DATA_DIR/index/parsed-lessons.bin}) does not hold it as it is now.
   */
  private static LessonCache.Loaded lessons(TutorConfig config) {
    return new LessonCache(config.dataDir().resolve("index").resolve(LessonCache.FILE)).load(config.knowledgeDir());
  }

  /** The index kept in the data folder: a restart opens it, and only changed lessons are re-embedded. */
  private static LucenePassageRetriever index(TutorConfig config, LessonLibrary library, EmbeddingModel embeddings,
                                              IndexProgress progress) {
    return index(config, library, embeddings, progress, words -> { });
  }

  /** The same, handing the lessons' vocabulary to {@code vocabularyRead} as soon as it is read. */
  private static LucenePassageRetriever index(TutorConfig config, LessonLibrary library, EmbeddingModel embeddings,
                                              IndexProgress progress,
                                              Consumer<LessonVocabulary> vocabularyRead) {
    String mode = config.retrieval();
    Fusion fusion = switch (mode) {
      case "hybrid" -> Fusion.WEIGHTED;
      case "bm25" -> Fusion.RRF;
      default -> throw new IllegalStateException("unknown retrieval " + mode);
    };
    Optional<IndexFolder.Opened> onDisk = IndexFolder.open(indexFolder(config, mode), library.lessons(),
        library::digest, embeddings, embeddings == null ? IndexFolder.NO_MODEL : MiniLmEmbeddingModel.IDENTITY, progress);
    return onDisk
        .map(opened -> new LucenePassageRetriever(opened.directory(), library.passages(), embeddings, fusion, vocabularyRead))
        .orElseGet(() -> {
          LucenePassageRetriever inMemory = new LucenePassageRetriever(library.passages(), embeddings, fusion);
          vocabularyRead.accept(inMemory.vocabulary());
          return inMemory;
        });
  }

  private static Answerer answerer(TutorConfig config, LessonLibrary library, LucenePassageRetriever retriever,
                                   EmbeddingModel embeddings) {
    return answerer(config, library, retriever, retriever.vocabulary(), embeddings);
  }

  private static Answerer answerer(TutorConfig config, LessonLibrary library, PassageRetriever retriever,
                                   Vocabulary vocabulary, EmbeddingModel embeddings) {
    // TUTOR_LLM=none (the default) keeps the extractive answerer alone; in a course, "what lessons cover X?" lists them
    return new LessonListing(
        ChatModels.answerer(config, new ExtractiveAnswerer(library, retriever, vocabulary), embeddings),
        library, retriever);
  }

  /** The embedding model, loaded on another thread from the moment this is made; its first use waits for it. */
  private static final class LoadingModel implements EmbeddingModel {
    // a thread of its own: on two cores the common pool has one worker, which the lessons' parallel reading needs
    private final CompletableFuture<MiniLmEmbeddingModel> loading =
        CompletableFuture.supplyAsync(() -> {
          long start = System.nanoTime();
          MiniLmEmbeddingModel model = new MiniLmEmbeddingModel();
          log.info("Embedding model loaded in {} ms", ms(System.nanoTime() - start));
          return model;
        }, Tutor::onItsOwnThread);

    private MiniLmEmbeddingModel model() {
      try {
        return loading.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }

    @Override
    public Response<List<Embedding>> embedAll(
        List<TextSegment> segments) {
      return model().embedAll(segments);
    }

    @Override
    public int dimension() {
      return model().dimension();
    }
  }

  /** Runs the task on a daemon thread of its own. */
  private static void onItsOwnThread(Runnable task) {
    Thread thread = new Thread(task, "tutor-start");
    thread.setDaemon(true);
    thread.start();
  }

  /** The retriever of an index still being built: finds nothing until it is, then searches it. */
  private static final class LateRetriever implements PassageRetriever, AutoCloseable {
    private volatile LucenePassageRetriever built;

    void set(LucenePassageRetriever retriever) {
      built = retriever;
    }

    @Override
    public List<ScoredPassage> retrieve(String query, int max) {
      LucenePassageRetriever r = built;
      return r == null ? List.of() : r.retrieve(query, max);
    }

    @Override
    public List<ScoredPassage> retrieve(String query, int max, String lessonInFocus) {
      LucenePassageRetriever r = built;
      return r == null ? List.of() : r.retrieve(query, max, lessonInFocus);
    }

    @Override
    public List<String> lessonsCovering(String topic, int max) {
      LucenePassageRetriever r = built;
      return r == null ? List.of() : r.lessonsCovering(topic, max);
    }

    @Override
    public void close() throws Exception {
      LucenePassageRetriever r = built;
      if (r != null) {
        r.close();
      }
    }
  }

  /** What the tutor counts while it runs, for {@code GET /metrics}. */
  public MicrometerMetrics metrics() {
    return metrics;
  }

  /** Where the index for {@code mode} (hybrid or bm25) is kept: {@code TUTOR_DATA_DIR/index/<mode>}. */
  public static Path indexFolder(TutorConfig config, String mode) {
    return config.dataDir().resolve("index").resolve(mode);
  }

  public TutorConfig config() {
    return config;
  }

  public LessonLibrary library() {
    return library;
  }

  public PassageRetriever retriever() {
    return retriever;
  }

  public Answerer answerer() {
    return answerer;
  }

  /** The decision checklist, validated against the lessons at start-up. */
  public Checklist checklist() {
    return checklist;
  }

  /** The quiz's question bank, validated against the lessons at start-up. */
  public QuizBank quizBank() {
    return quizBank;
  }

  /** The checklist with its run history; opens the database on first use. */
  public ChecklistService checklistService() {
    return checklistService.get();
  }

  /**
   * The quiz with {@code TUTOR_QUIZ_SECONDS} per question; it runs channel rounds only once a front
   * end calls {@link QuizService#resumeOpenRounds()}.
   */
  public QuizService quiz() {
    return quiz.get();
  }

  /** Slack deliveries taken on, shared by every instance on the database. */
  public DeliveryStore deliveries() {
    return deliveries.get();
  }

  /** Conversations the tutor answered in. */
  public ThreadStore threads() {
    return threads.get();
  }

  /** Declined questions and not-helpful answers, kept for {@code scripts/tutor report}. */
  public QuestionGaps gaps() {
    return gaps.get();
  }

  /** Votes on answers. */
  public FeedbackStore feedback() {
    return feedback.get();
  }

  /** How the tutor replies in each channel (/tutor-settings). */
  public ChannelSettingsStore channelSettings() {
    return channelSettings.get();
  }

  /** Quiz rounds on a channel's schedule (/tutor-quiz schedule); polled once the Slack quiz installs it. */
  public ScheduledRounds scheduledRounds() {
    return scheduledRounds.get();
  }

  private static ZoneId quizZone(TutorConfig config) {
    String zone = config.get(TutorConfig.QUIZ_TIMEZONE, TutorConfig.DEFAULT_QUIZ_TIMEZONE);
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(TutorConfig.QUIZ_TIMEZONE + " must be a timezone such as Europe/Lisbon or"
          + " America/New_York, not '" + zone + "'");
    }
  }

  /** Answers shown to one person, until shared (/tutor ask). */
  public PrivateAnswerStore privateAnswers() {
    return privateAnswers.get();
  }

  /** The database, opened and migrated on first use; the ask command never needs it. */
  public Database database() {
    return database.get();
  }

  /** Stops the quiz's timer, closes the database's connections (if they were opened) and the metrics. */
  @Override
  public void close() {
    quiz.ifMade(QuizService::close);
    if (retriever instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        log.warn("could not close the lesson index: {}", e.toString());
      }
    }
    database.ifMade(Database::close);
    metrics.close();
  }

  /** A value made on first use, once, whichever thread asks first. */
  private static final class Lazy<T> {
    private final Supplier<T> make;
    private volatile T value;

    Lazy(Supplier<T> make) {
      this.make = make;
    }

    void ifMade(Consumer<T> action) {
      T v = value;
      if (v != null) {
        action.accept(v);
      }
    }

    T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            v = make.get();
            value = v;
          }
        }
      }
      return v;
    }
  }
}
