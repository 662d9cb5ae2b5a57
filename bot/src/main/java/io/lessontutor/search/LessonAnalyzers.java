package io.lessontutor.search;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * The analysis chain of the lesson index: English text, lower-cased, stop words (Snowball's list) removed, Porter
 * stems. Questions also pass through the field's synonyms ({@link #SYNONYMS}), so "finetune",
 * "fine-tuning" and "fine tune" all find "fine-tuning", and "retrieval-augmented generation"
 * finds "RAG". Synonyms are applied at query time only: the index stays small and a new synonym
 * needs no re-index.
 */
public final class LessonAnalyzers {

  /**
   * Solr-format synonym rules; each line lists words that mean the same here: the names of things
   * ({@link #NAME_SYNONYMS}) and, for the search only, words that judge them ("cost" and "expensive").
   */
  static final String SYNONYMS = String.join("\n", names(),
      "cost, costs, costly, expensive, expense, expenses, price, spend");

  /**
   * The rules that name one thing in several ways ("RAG", "retrieval augmented generation"). A
   * stance reads what a question names through them; what a question says of a thing ("expensive")
   * must be the lesson's word, or the thesaurus's: "cost" names a topic where "expensive" judges.
   */
  static final String NAME_SYNONYMS = names();

  private static String names() {
    return String.join("\n",
      "finetune, finetuning, finetuned, fine tune, fine tuning, fine tuned, fine tunes, finetunes",
      "rag, retrieval augmented generation, retrieval augmentation, retrieval",
      "lora, low rank adaptation, low rank adapter, low rank adapters",
      "peft, parameter efficient, parameter efficient fine tuning",
      "labeled, labelled, annotated",
      "labeling, labelling, annotation",
      "dataset, datasets, data set, data sets",
      "data, examples, samples, records",
      "latency, response time, slow responses",
      "prompt engineering, prompting, prompt design",
      "use case, use cases, usecase, usecases",
      "llm, model, models, llms");
  }

  /** Snowball's English stop words (which include question words) and a few more auxiliaries. */
  static final CharArraySet STOP_WORDS = stopWords();

  private LessonAnalyzers() {}

  /** The analyzer passages are indexed with. */
  public static Analyzer indexing() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new PorterStemFilter(base(source));
        return new TokenStreamComponents(source, stream);
      }
    };
  }

  /** The analyzer questions are parsed with: the indexing chain plus the synonyms. */
  public static Analyzer querying() {
    return withSynonyms(SYNONYMS);
  }

  /** As {@link #querying()}, with only the synonyms that name things ({@link #NAME_SYNONYMS}). */
  public static Analyzer naming() {
    return withSynonyms(NAME_SYNONYMS);
  }

  private static Analyzer withSynonyms(String rules) {
    SynonymMap synonyms = synonymMap(rules);
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new SynonymGraphFilter(base(source), synonyms, true);
        return new TokenStreamComponents(source, new PorterStemFilter(stream));
      }
    };
  }

  /** The terms the analyzer makes of the text, in order, repeats kept. */
  public static List<String> terms(Analyzer analyzer, String text) {
    List<String> terms = new java.util.ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("text", text)) {
      org.apache.lucene.analysis.tokenattributes.CharTermAttribute term =
          stream.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot analyse text", e);
    }
    return terms;
  }

  private static TokenStream base(Tokenizer source) {
    return new StopFilter(new LowerCaseFilter(new EnglishPossessiveFilter(source)), STOP_WORDS);
  }

  private static CharArraySet stopWords() {
    try (var reader = IOUtils.getDecodingReader(
        SnowballFilter.class.getResourceAsStream("english_stop.txt"), StandardCharsets.UTF_8)) {
      CharArraySet words = new CharArraySet(WordlistLoader.getSnowballWordSet(reader), false);
      words.addAll(List.of("can", "will", "may", "might", "must", "shall", "please", "whats", "s"));
      return CharArraySet.unmodifiableSet(words);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Lucene's English stop words", e);
    }
  }

  private static SynonymMap synonymMap(String rules) {
    Analyzer ruleAnalyzer = new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        return new TokenStreamComponents(source, base(source));
      }
    };
    SolrSynonymParser parser = new SolrSynonymParser(true, true, ruleAnalyzer);
    try {
      parser.parse(new StringReader(rules));
      return parser.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParseException e) {
      throw new IllegalStateException("bad synonym rule: " + e.getMessage(), e);
    }
  }
}
