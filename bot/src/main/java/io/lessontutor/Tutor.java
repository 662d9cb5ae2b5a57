package io.lessontutor;

import io.lessontutor.answer.Answerer;
import io.lessontutor.config.TutorConfig;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.search.PassageRetriever;
import io.lessontutor.store.Database;
import java.util.Objects;

/**
 * The composition root: builds the object graph from configuration once and hands it to whichever
 * front end runs (Slack Socket Mode, Slack HTTP, console, one-shot commands).
 */
public final class Tutor {

  private final TutorConfig config;
  private final LessonLibrary library;
  private final PassageRetriever retriever;
  private final Answerer answerer;
  private volatile Database database;

  public Tutor(TutorConfig config, LessonLibrary library, PassageRetriever retriever, Answerer answerer) {
    this.config = Objects.requireNonNull(config, "config");
    this.library = Objects.requireNonNull(library, "library");
    this.retriever = Objects.requireNonNull(retriever, "retriever");
    this.answerer = Objects.requireNonNull(answerer, "answerer");
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

  /** The database, opened and migrated on first use; the ask command never needs it. */
  public Database database() {
    Database db = database;
    if (db == null) {
      synchronized (this) {
        db = database;
        if (db == null) {
          db = Database.open(config.databaseUrl());
          database = db;
        }
      }
    }
    return db;
  }
}
