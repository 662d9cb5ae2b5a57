package io.lessontutor.answer;

import io.lessontutor.knowledge.Lesson;
import io.lessontutor.knowledge.LessonFileParser;
import io.lessontutor.knowledge.LessonLibrary;
import io.lessontutor.knowledge.Passage;
import io.lessontutor.search.LucenePassageRetriever;
import io.lessontutor.search.PassageRetriever;
import io.lessontutor.search.QuestionIntent;
import io.lessontutor.search.ScoredPassage;
import io.lessontutor.search.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer path, top to bottom: route the question → retrieve once → judge whether the lesson
 * covers it, with the reason → hand the approved passages to a composer. Every composer
 * (extractive or language model) gets exactly the passages the gate approved, and a declined
 * question carries the reason it was declined. Thread-safe.
 */
public final class AnswerPipeline {

  /** How many passages one retrieval asks for. */
  static final int RETRIEVED = 5;
  /** A passage beside the best one is approved when it scores at least this share of the best. */
  static final double APPROVED_SHARE = 0.95;

  /** What kind of message a question is, decided before anything is retrieved. */
  public enum Route {
    /** Nothing was asked. */
    EMPTY,
    /** A greeting, thanks or "what can you do?". */
    SMALL_TALK,
    /** An attempt to change the tutor's rules, or to make it ping people. */
    INJECTION,
    /** "What is this lesson about?": the summary answers it. */
    OVERVIEW,
    /** A message that continues the one before it ("and why?"): read with it. */
    FOLLOW_UP,
    /**
     * "Can you say it simpler?", "tl;dr?", "eli5": asks for the answer before again, in other words,
     * and names no topic of its own. Answered from the passages the previous question is answered from.
     */
    RESTATE,
    /** Any other question: read on its own. */
    ORDINARY
  }

  /**
   * The gate's decision and why.
   *
   * @param covered whether the lesson covers the question
   * @param reason a few words on why, for logs and {@code ask --json}
   */
  public record Verdict(boolean covered, String reason) {
    public Verdict {
      Objects.requireNonNull(reason, "reason");
    }

    static Verdict covers(String reason) {
      return new Verdict(true, reason);
    }

    static Verdict declines(String reason) {
      return new Verdict(false, reason);
    }
  }

  /**
   * Everything a composer needs, made once per question.
   *
   * @param question the question as asked
   * @param route how it was routed
   * @param approved the passages the gate approved, best first; empty unless the verdict covers it
   * @param verdict whether to answer, and why
   */
  public record Judgement(Question question, Route route, List<ScoredPassage> approved, Verdict verdict,
                          List<ScoredPassage> retrieved) {
    public Judgement {
      approved = List.copyOf(approved);
      retrieved = List.copyOf(retrieved);
      if (verdict.covered() == approved.isEmpty() && route != Route.SMALL_TALK) {
        throw new IllegalArgumentException("a question is answered exactly when passages were approved");
      }
    }

    public Judgement(Question question, Route route, List<ScoredPassage> approved, Verdict verdict) {
      this(question, route, approved, verdict, approved);
    }

    public List<Passage> passages() {
      return approved.stream().map(ScoredPassage::passage).toList();
    }

    /** What the one search found, approved or not: a decline names the lesson it is nearest to. */
    public List<Passage> near() {
      return retrieved.stream().map(ScoredPassage::passage).toList();
    }
  }

  private final PassageRetriever retriever;
  private final Vocabulary vocabulary;
  private final RelevanceGate gate;
  private final LessonLibrary library;
  private final Passage overview;
  private final Thesaurus thesaurus;
  /** The terms of each glossary entry's name ("full fine-tuning"), its expansion in brackets left out. */
  private final List<List<String>> conceptTerms;

  public AnswerPipeline(LessonLibrary library, PassageRetriever retriever, Vocabulary vocabulary) {
    this.library = Objects.requireNonNull(library, "library");
    this.retriever = Objects.requireNonNull(retriever, "retriever");
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    this.thesaurus = Thesaurus.load(vocabulary);
    this.conceptTerms = library.passages().stream()
        .filter(p -> p.kind() == Passage.Kind.TERM)
        .map(p -> vocabulary.topicTerms(termName(p).replaceAll("\\(.*\\)", "")))
        .filter(t -> !t.isEmpty())
        .toList();
    this.gate = new RelevanceGate(vocabulary, library.passages().stream()
        .filter(p -> p.kind() == Passage.Kind.TERM)
        .map(AnswerPipeline::termName)
        .toList(), library.passages());
    // one lesson: "what is this about?" is its summary; in a course, the summary of the lesson in focus
    this.overview = library.single() ? library.lessons().get(0).passages().get(0) : null;
  }

  public LessonLibrary library() {
    return library;
  }

  /**
   * A message as the search, the gate and the stance read it: bounded, misspelt lesson words put
   * right, and what people type for the lesson's words read as the lesson's ({@link Thesaurus}).
   */
  public String inLessonWords(String message) {
    return thesaurus.read(corrected(Stance.withoutChatLead(message)));
  }

  /** What the composer reads of a question: the question a follow-up such as "and prompting?" asks, or the message itself. */
  public String read(Question question) {
    return inLessonWords(askedOf(question).orElse(question.text()));
  }

  /** A message with its chat spellings ("wen") and misspelt lesson words put right, and nothing else changed. */
  private String corrected(String message) {
    return vocabulary.corrected(ChatSpelling.normalized(LucenePassageRetriever.bounded(message)));
  }

  /** A message as it is searched: as {@link #inLessonWords}, but "cheap" is not searched as "not expensive". */
  private String searched(String message) {
    return thesaurus.read(corrected(Stance.withoutChatLead(message)), false);
  }

  /** Routes, retrieves (at most once) and judges one question. */
  public Judgement judge(Question question) {
    String typed = LucenePassageRetriever.bounded(question.text());
    Route route = route(typed, question.previous());
    if ((route == Route.OVERVIEW || route == Route.FOLLOW_UP || route == Route.ORDINARY) && FollowUp.asksToRestate(typed)) {
      if (vocabulary.topicTerms(inLessonWords(FollowUp.withoutRestateRequest(typed))).stream().noneMatch(vocabulary::knows)) {
        // with nothing before it, or naming the lesson ("distill the lesson into one sentence"), the lesson is what to restate
        boolean earlier = question.previous() != null && !question.previous().isBlank() && !FollowUp.namesTheLesson(typed);
        route = earlier ? Route.RESTATE : Route.OVERVIEW;
      } else if (route == Route.FOLLOW_UP) {
        // "explain rag in one sentence" names its own topic: the "one" of it points back at nothing
        route = Route.ORDINARY;
      }
    }
    // routes read the words as typed; the search, the gate and the stance read them in the lesson's words
    String text = inLessonWords(typed);
    return switch (route) {
      case EMPTY -> new Judgement(question, route, List.of(), Verdict.declines("nothing was asked"));
      case SMALL_TALK -> new Judgement(question, route, List.of(), Verdict.covers("small talk"));
      case INJECTION -> new Judgement(question, route, List.of(),
          Verdict.declines("it tries to change the tutor's rules or to ping people"));
      case OVERVIEW -> overview(question);
      case FOLLOW_UP -> followUp(question, text, searched(typed));
      case RESTATE -> restated(question);
      case ORDINARY -> ordinary(question, text, searched(typed));
    };
  }

  /**
   * "What is this lesson about?": the one lesson's summary; in a course, the summary of the lesson
   * the thread's previous question was answered from (one search), or a decline that lists the course.
   */
  private Judgement overview(Question question) {
    Passage summary = overview;
    if (summary == null) {
      summary = lessonInFocus(question).flatMap(library::lesson).map(l -> l.passages().get(0)).orElse(null);
    }
    if (summary == null) {
      return new Judgement(question, Route.OVERVIEW, List.of(),
          Verdict.declines("it asks what the course is about, and no lesson is in focus"));
    }
    return new Judgement(question, Route.OVERVIEW, List.of(new ScoredPassage(summary, 1, 0, 1)),
        Verdict.covers("it asks what the lesson is about: its summary answers that"));
  }

  /**
   * "Can you say it simpler?": the previous question judged again, on its own (one search), and its
   * approved passages are this answer's. When the lesson did not cover it, there is nothing to restate.
   */
  private Judgement restated(Question question) {
    Judgement earlier = judge(new Question(question.previous(), null, question.lesson()));
    if (!earlier.verdict().covered() || earlier.approved().isEmpty()) {
      return new Judgement(question, Route.RESTATE, List.of(),
          Verdict.declines("it asks to restate the answer before, and the lesson had none for that question"), earlier.retrieved());
    }
    return new Judgement(question, Route.RESTATE, earlier.approved(),
        Verdict.covers("it asks for the answer before in other words: the passages that answered it"), earlier.retrieved());
  }

  /**
   * The lesson a conversation is about: in a course, the lesson its last answered question was
   * answered from, as the conversation remembers it; for a conversation that does not, the lesson
   * the previous question is answered from (one search of it). Empty with one lesson, where there
   * is nothing to choose, or with neither.
   */
  private Optional<String> lessonInFocus(Question question) {
    if (library.single()) {
      return Optional.empty();
    }
    if (question.lesson() != null && library.lesson(question.lesson()).isPresent()) {
      return Optional.of(question.lesson());
    }
    if (question.previous() == null || question.previous().isBlank()) {
      return Optional.empty();
    }
    return retriever.retrieve(searched(question.previous()), 1).stream()
        .map(s -> s.passage().lessonId()).findFirst();
  }

  private static Route route(String text, String previous) {
    if (text.isBlank()) {
      return Route.EMPTY;
    }
    if (SmallTalk.classify(text).isPresent()) {
      return Route.SMALL_TALK;
    }
    if (InjectionGuard.isInjection(text)) {
      return Route.INJECTION;
    }
    if (QuestionIntent.isOverview(text)) {
      return Route.OVERVIEW;
    }
    if (previous != null && !previous.isBlank() && FollowUp.reads(text)) {
      return Route.FOLLOW_UP;
    }
    return Route.ORDINARY;
  }

  private Judgement ordinary(Question question, String text, String search) {
    String typed = corrected(question.text());
    Judgement early = declinedByWords(question, Route.ORDINARY, text, text, typed);
    return early != null ? early
        : judged(question, Route.ORDINARY, text, text, typed, retriever.retrieve(search, RETRIEVED, lessonInFocus(question).orElse(null)));
  }

  /**
   * A question its words alone decline ("what learning rate for LoRA?") needs no search, and no
   * embedding, the slowest step of an answer. In a course a decline names the lesson nearest to
   * the question, which takes the search: there every question is searched.
   */
  private Judgement declinedByWords(Question question, Route route, String own, String query, String typedQuery) {
    if (!library.single()) {
      return null;
    }
    return gate.fromWords(own, query, typedQuery, asksWhatItCannotDo(question.text()))
        .map(v -> new Judgement(question, route, List.of(), v, List.of()))
        .orElse(null);
  }

  /**
   * A follow-up that points back ("is that expensive?") or names nothing of the lesson ("and
   * why?") is searched together with the question before it; one that names a topic of its own
   * ("how about adapters?") is searched as it stands, in the earlier question's frame. Either way
   * once. "And after that?" then asks for the passage that follows the earlier topic's in its section.
   */
  private Judgement followUp(Question question, String text, String search) {
    Optional<String> framed = askedOf(question);
    String focus = lessonInFocus(question).orElse(null);
    if (framed.isPresent()) {
      // "and prompting?" after "is fine-tuning expensive?" asks "is prompting expensive?": read as that, searched once
      String asked = inLessonWords(framed.get());
      String typed = corrected(framed.get());
      Judgement early = declinedByWords(question, Route.FOLLOW_UP, asked, asked, typed);
      return early != null ? early
          : judged(question, Route.FOLLOW_UP, asked, asked, typed, retriever.retrieve(searched(framed.get()), RETRIEVED, focus));
    }
    String previous = inLessonWords(question.previous());
    String previousSearched = searched(question.previous());
    boolean ownTopic = vocabulary.topicTerms(text).stream().anyMatch(vocabulary::knows);
    if (FollowUp.asksForNext(text)) {
      // "and after that?" names nothing: the earlier question alone says where in which list we are
      return next(question, retriever.retrieve(previousSearched, RETRIEVED, focus));
    }
    boolean withPrevious = FollowUp.refersBack(text) || !ownTopic;
    String withContext = withPrevious ? previous + " " + text : text;
    String typed = withPrevious ? corrected(question.previous()) + " " + corrected(question.text()) : corrected(question.text());
    Judgement early = declinedByWords(question, Route.FOLLOW_UP, text, withContext, typed);
    if (early == null && withPrevious && vocabulary.coverage(text) == 0
        && !vocabulary.topicTerms(text).stream().filter(t -> !vocabulary.isChatTerm(t)).toList().isEmpty()
        && !PLACE_IN_LIST.matcher(text.toLowerCase(Locale.ROOT)).find()) {
      // "cool. is it gonna rain tomorrow": it points back only in form; every word it says of its own is not the lesson's
      early = new Judgement(question, Route.FOLLOW_UP, List.of(),
          Verdict.declines("none of its own words are the lesson's, whatever came before"), List.of());
    }
    return early != null ? early : judged(question, Route.FOLLOW_UP, text, withContext, typed,
        retriever.retrieve(withPrevious ? previousSearched + " " + search : search, RETRIEVED, focus));
  }

  /**
   * The item after the earlier topic's in its list. Only a list item has a next one: a glossary
   * entry or a paragraph found first stands for the list item found after it.
   */
  private Judgement next(Question question, List<ScoredPassage> found) {
    ScoredPassage topic = found.stream().filter(s -> s.passage().kind() == Passage.Kind.BULLET).findFirst().orElse(null);
    Passage next = topic == null ? null : library.next(topic.passage()).orElse(null);
    if (next == null) {
      return new Judgement(question, Route.FOLLOW_UP, List.of(),
          Verdict.declines("it asks what comes next, and the lesson's list ends there"), found);
    }
    return new Judgement(question, Route.FOLLOW_UP, List.of(new ScoredPassage(next, topic.score(), topic.bm25(), topic.similarity())),
        Verdict.covers("it asks what comes after the earlier topic: the next item of the lesson's list"), found);
  }

  private Judgement judged(Question question, Route route, String own, String query, String typedQuery,
                           List<ScoredPassage> retrieved) {
    boolean limits = asksWhatItCannotDo(question.text());
    List<ScoredPassage> found = preferredFirst(own, limits, retrieved);
    Verdict verdict = gate.judge(own, query, typedQuery, found, limits);
    List<ScoredPassage> approved = verdict.covered() ? approved(found) : List.of();
    if (verdict.covered() && route == Route.ORDINARY) {
      approved = withClaimAsked(own, approved, found);
    }
    return new Judgement(question, route, approved, verdict, found);
  }

  /**
   * "Is prompting slow?": when no approved passage claims what a yes/no question asks and another
   * passage the search found does ("no: prompting slow"), that passage answers it and comes first.
   * The gate has already judged the question covered; a claim whose every term the question names
   * is the closest reading of it there is.
   */
  private List<ScoredPassage> withClaimAsked(String own, List<ScoredPassage> approved, List<ScoredPassage> found) {
    List<Passage> approvedPassages = approved.stream().map(ScoredPassage::passage).toList();
    if (Stance.decide(own, null, approvedPassages, vocabulary, conceptTerms).isPresent()) {
      return approved;
    }
    for (ScoredPassage other : found) {
      if (approvedPassages.contains(other.passage()) || other.passage().claims().isEmpty()) {
        continue;
      }
      List<Passage> with = new ArrayList<>(List.of(other.passage()));
      with.addAll(approvedPassages);
      if (Stance.decide(own, null, with, vocabulary, conceptTerms).isPresent()) {
        List<ScoredPassage> out = new ArrayList<>(List.of(other));
        out.addAll(approved);
        return out;
      }
    }
    return approved;
  }

  /**
   * What the question's form asks for, among what was found: for "what is full fine-tuning?" the
   * glossary entry of exactly that term; for a list question ("what are the limits?") the best
   * list item, whose whole list the composer then gives.
   */
  private List<ScoredPassage> preferredFirst(String own, boolean limits, List<ScoredPassage> found) {
    ScoredPassage first = null;
    // "what is fine-tuning unable to do?": the list under a negating heading, whose items carry says: lines
    if (limits) {
      first = found.stream().filter(s -> s.passage().says() != null).findFirst().orElse(null);
    }
    Optional<String> subject = definitionSubject(own);
    // "what's step 3?": the third item of the list the best list item found belongs to
    int ordinal = ordinal(own);
    if (first == null && ordinal != 0) {
      ScoredPassage item = found.stream().filter(s -> s.passage().kind() == Passage.Kind.BULLET).findFirst().orElse(null);
      if (item != null) {
        List<Passage> list = library.passages().stream()
            .filter(p -> p.kind() == Passage.Kind.BULLET && p.lessonId().equals(item.passage().lessonId())
                && p.section().equals(item.passage().section()))
            .toList();
        int at = ordinal < 0 ? list.size() - 1 : ordinal - 1;
        if (at < list.size()) {
          Passage wanted = list.get(at);
          first = found.stream().filter(s -> s.passage().equals(wanted)).findFirst()
              .orElse(new ScoredPassage(wanted, item.score(), item.bm25(), item.similarity()));
        }
      }
    }
    if (first == null && subject.isPresent()) {
      List<String> wanted = vocabulary.topicTerms(subject.get());
      first = found.stream()
          .filter(s -> s.passage().kind() == Passage.Kind.TERM && vocabulary.topicTerms(termName(s.passage())).equals(wanted))
          .findFirst().orElse(null);
    }
    // "what are the limits of fine-tuning?" reads as a definition too: with no such term, it wants the list
    if (first == null && QuestionIntent.isList(own)) {
      first = found.stream().filter(s -> s.passage().kind() == Passage.Kind.BULLET).findFirst().orElse(null);
    }
    if (first == null && !found.isEmpty() && found.get(0).passage().kind() == Passage.Kind.TERM) {
      first = bodyPassageUsing(own, found.get(0).passage(), found);
    }
    if (first == null || first == found.get(0)) {
      return found;
    }
    List<ScoredPassage> reordered = new ArrayList<>(List.of(first));
    for (ScoredPassage s : found) {
      if (s != first && !s.passage().equals(first.passage())) {
        reordered.add(s);
      }
    }
    // keep the gate's bar where it was: the best score found still measures the question
    ScoredPassage top = found.get(0);
    reordered.set(0, new ScoredPassage(first.passage(), top.score(), Math.max(first.bm25(), top.bm25()),
        top.hasSimilarity() ? Math.max(first.similarity(), top.similarity()) : first.similarity()));
    return reordered;
  }

  /**
   * A glossary entry says what a term means; a "when" or "why" question about the term ("when do we
   * bring in RAG?") wants what the lesson's body says about it: the passage found that uses the
   * term's name. Null for any other question.
   */
  private ScoredPassage bodyPassageUsing(String own, Passage term, List<ScoredPassage> found) {
    List<String> named = vocabulary.topicTerms(termName(term).replaceAll("\\(.*\\)", ""));
    if (named.isEmpty() || !WHEN_OR_WHY.matcher(own.strip().toLowerCase(Locale.ROOT)).find()) {
      return null;
    }
    return found.stream()
        .filter(s -> s.passage().kind() == Passage.Kind.BULLET || s.passage().kind() == Passage.Kind.PARAGRAPH)
        .filter(s -> !s.passage().section().equals(LessonFileParser.ABOUT_SECTION))
        .filter(s -> vocabulary.topicTerms(s.passage().text()).containsAll(named))
        .findFirst().orElse(null);
  }

  /** "And the third?", "the others?": a follow-up that asks for another place in the earlier list. */
  private static final Pattern PLACE_IN_LIST = Pattern.compile(
      "\\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|next|last|other|others|rest|previous)\\b");

  /** "And prompting?", "what about LoRA?", "how about RAG": the earlier question, asked of something else. */
  private static final Pattern ASKED_OF = Pattern.compile(
      "^(?:and|or|but|also|what about|how about|same for|and what about|and how about)\\s+(?:for\\s+|with\\s+)?((?:[\\w\\-]+\\s*){1,3})$");

  /**
   * The question a follow-up such as "and prompting?" asks: the message before it with its concept
   * (a glossary name, "fine-tuning") put in the new one's place, when the new one is a concept the
   * lessons know and the earlier message names another. Empty for any other message.
   */
  Optional<String> askedOf(Question question) {
    if (question.previous() == null || question.previous().isBlank()) {
      return Optional.empty();
    }
    String typed = question.text().strip().toLowerCase(Locale.ROOT).replaceAll("[?!.]+$", "").strip();
    Matcher m = ASKED_OF.matcher(typed);
    if (!m.matches()) {
      return Optional.empty();
    }
    String other = m.group(1).strip();
    List<String> otherTerms = vocabulary.topicTerms(inLessonWords(other));
    if (otherTerms.isEmpty() || !otherTerms.stream().allMatch(vocabulary::knows) || conceptOf(otherTerms) == null) {
      return Optional.empty();
    }
    String previous = LucenePassageRetriever.bounded(question.previous());
    Matcher word = WORD_OR_TWO.matcher(previous);
    // the first word or two of the earlier message that name a concept other than the new one
    for (int i = 0; i < previous.length() && word.find(i); ) {
      for (String candidate : List.of(word.group(), word.group().split("\\s+")[0])) {
        List<String> terms = vocabulary.topicTerms(candidate);
        List<String> concept = terms.isEmpty() ? null : conceptOf(terms);
        if (concept != null && !concept.equals(conceptOf(otherTerms))) {
          return Optional.of(previous.substring(0, word.start()) + other + previous.substring(word.start() + candidate.length()));
        }
      }
      i = word.start() + word.group().split("\\s+")[0].length();
    }
    return Optional.empty();
  }

  /** A word, or two words, as the earlier message of an "and prompting?" follow-up is scanned for its concept. */
  private static final Pattern WORD_OR_TWO = Pattern.compile("[\\p{L}][\\p{L}\\-]*(?:\\s+[\\p{L}][\\p{L}\\-]*)?");

  /** The glossary concept whose name holds all the terms, or null. */
  private List<String> conceptOf(List<String> terms) {
    return conceptTerms.stream().filter(c -> c.containsAll(terms)).findFirst().orElse(null);
  }

  /** "Step 2", "the 3rd step", "first step", "last step": which item of a list of steps is asked for. */
  private static final Pattern ORDINAL = Pattern.compile(
      "\\bstep\\s*(\\d|one|two|three|four|five)\\b|\\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|last|final)\\s+step\\b");
  private static final List<String> ORDINALS = List.of("", "one|first|1st|1", "two|second|2nd|2", "three|third|3rd|3",
      "four|fourth|4th|4", "five|fifth|5th|5");

  private static final Pattern ASKS_WHETHER = Pattern.compile(
      "^(?:is|are|was|does|do|should|can|could|would|will|isn't|aren't)\\b");

  /** 1-based position a question asks for, -1 for the last, 0 for none. */
  static int ordinal(String own) {
    String q = own.strip().toLowerCase(Locale.ROOT);
    Matcher m = ORDINAL.matcher(q);
    // "is RAG the first step?" asks whether, not which: the item it names answers it
    if (ASKS_WHETHER.matcher(q).find() || !m.find()) {
      return 0;
    }
    String word = m.group(1) != null ? m.group(1) : m.group(2);
    if (word.equals("last") || word.equals("final")) {
      return -1;
    }
    for (int i = 1; i < ORDINALS.size(); i++) {
      if (word.matches(ORDINALS.get(i))) {
        return i;
      }
    }
    return 0;
  }

  /** "Iteration speed meaning", "full fine-tuning = ?", "LoRA definition": a definition asked with the term first. */
  private static final Pattern TERM_FIRST = Pattern.compile(
      "^([\\w\\-]+(?:\\s+[\\w\\-]+){0,2}?)\\s*(?:meaning|definition|means what|defined|=\\s*\\?*)$");

  /** The term a definition question asks about, however it is worded. */
  static Optional<String> definitionSubject(String own) {
    Optional<String> subject = QuestionIntent.definitionSubject(own);
    if (subject.isPresent()) {
      return subject;
    }
    Matcher m = TERM_FIRST.matcher(own.strip().toLowerCase(Locale.ROOT).replaceAll("[?!.]+$", "").strip());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** "What can't fine-tuning do?", "what is it unable to fix", "things fine-tuning won't solve": asks for the limits. */
  private static final Pattern CANNOT_DO = Pattern.compile(
      "^(?:what|which|things|list|name)\\b[^,]*?\\b(?:can'?t|cannot|can not|unable to|not able to|won'?t|will not|doesn'?t|does not|not)"
          + "(?:\\s+[\\w\\-]+){0,2}?\\s+(?:do|fix|solve|change|achieve)(?:\\s+(?:for|to)\\s+\\w+)?$");

  /** True when the message, as typed, asks what something cannot do: the whole list under a negating heading. */
  static boolean asksWhatItCannotDo(String typed) {
    String q = typed.strip().toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("[?!.]+$", "");
    return CANNOT_DO.matcher(q).matches();
  }

  private static final Pattern WHEN_OR_WHY = Pattern.compile("^(when|why)\\b");

  private static String termName(Passage term) {
    return term.text().substring(0, Math.max(0, term.text().indexOf(':')));
  }

  /** The best passage, and any other that scores nearly as well and says something else. */
  private static List<ScoredPassage> approved(List<ScoredPassage> found) {
    List<ScoredPassage> out = new ArrayList<>(List.of(found.get(0)));
    ScoredPassage best = found.get(0);
    for (ScoredPassage other : found.subList(1, found.size())) {
      boolean strong = other.score() >= APPROVED_SHARE * best.score();
      boolean adds = other.passage().kind() != Passage.Kind.TERM && best.passage().kind() != Passage.Kind.TERM
          && !best.passage().section().equals(LessonFileParser.ABOUT_SECTION)
          && !other.passage().section().equals(LessonFileParser.ABOUT_SECTION)
          && !other.passage().text().equals(best.passage().text());
      if (strong && adds) {
        out.add(other);
      }
    }
    return out;
  }
}
