package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lessontutor.Tutor;
import io.lessontutor.knowledge.Passage;
import io.lessontutor.slack.testing.FakeSlackApi;
import io.lessontutor.slack.testing.FakeSlackApi.Call;
import io.lessontutor.slack.testing.SlackPayloads;
import io.lessontutor.slack.testing.SlackTestTutor;
import io.lessontutor.slack.views.AnswerMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees when the real tutor ({@code Tutor.start}: the lesson's Lucene index and the
 * extractive answerer) answers through the real Bolt app: the same scenarios run in HTTP mode and
 * in Socket Mode, each subclass delivering Slack's payloads its own way.
 */
abstract class RealTutorScenarios {

  static final Duration WAIT = Duration.ofSeconds(15);
  static final String CHANNEL = "C0GENERAL";
  static final String ALICE = "UALICE";
  static final String DM = "DALICE";
  static final String LESSON = "When to Fine-Tune vs When to Just Prompt: A Decision Framework";
  static final String PREMISE = "Fine-tuning is rarely the right first move; most teams should exhaust prompting"
      + " + RAG before considering fine-tuning.";
  static final String REFUSAL = "Sorry, I can't find that in the lesson, and I'd rather not guess.";

  @TempDir static Path dataDir;

  static FakeSlackApi api;
  static Tutor tutor;

  SlackApp slack;

  @BeforeAll
  static void startTutor() throws Exception {
    api = new FakeSlackApi();
    tutor = SlackTestTutor.real(SlackTestTutor.config(dataDir, api));
  }

  @AfterAll
  static void stopTutor() {
    api.close();
  }

  @BeforeEach
  void connect() throws Exception {
    api.clear();
    slack = SlackApp.build(tutor, List.of());
    connect(slack);
  }

  @AfterEach
  void disconnect() throws Exception {
    disconnect(slack);
    slack.close();
  }

  /** Starts delivering Slack's requests to the app. */
  abstract void connect(SlackApp slack) throws Exception;

  abstract void disconnect(SlackApp slack) throws Exception;

  /** Delivers an Events API callback and checks that Slack got its ack. */
  abstract void deliverEvent(String eventCallbackJson) throws Exception;

  /** Delivers a block_actions payload and checks that Slack got its ack. */
  abstract void deliverAction(String blockActionJson) throws Exception;

  static String mention(String text) {
    return "<@" + FakeSlackApi.BOT_USER_ID + "> " + text;
  }

  static JsonNode contextLine(Call post) {
    JsonNode blocks = post.json("blocks");
    return blocks.get(blocks.size() - 2);
  }

  static List<String> buttons(Call post) {
    JsonNode blocks = post.json("blocks");
    return blocks.get(blocks.size() - 1).path("elements").findValuesAsText("action_id");
  }

  @Test
  void mention_is_answered_in_its_thread_with_the_lessons_premise_and_its_source() throws Exception {
    deliverEvent(SlackPayloads.appMention("EvPremise", CHANNEL, ALICE, "700.000001", null,
        mention("should we fine-tune first?")));

    Call post = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(post.param("channel")).isEqualTo(CHANNEL);
    assertThat(post.param("thread_ts")).isEqualTo("700.000001");
    assertThat(post.param("text")).contains(safe(PREMISE));
    assertThat(post.json("blocks").get(0).toString()).contains(safe(PREMISE));
    assertThat(contextLine(post).path("type").asText()).isEqualTo("context");
    assertThat(contextLine(post).toString()).contains(LESSON + " › The premise");
    assertThat(buttons(post)).containsExactly(AnswerMessage.HELPFUL, AnswerMessage.NOT_HELPFUL, AnswerMessage.SHOW_PASSAGE);
  }

  @Test
  void off_topic_question_gets_the_kind_refusal() throws Exception {
    deliverEvent(SlackPayloads.appMention("EvWeather", CHANNEL, ALICE, "710.000001", null,
        mention("what's the weather in Berlin?")));

    Call post = api.await("chat.postMessage", 1, WAIT).get(0);
    assertThat(post.param("thread_ts")).isEqualTo("710.000001");
    assertThat(post.param("text")).startsWith(safe(REFUSAL))
        .contains("Should we fine-tune or just prompt?")
        .doesNotContain("Berlin");
    // no source to cite, so no source line and nothing to show
    assertThat(post.json("blocks").toString()).doesNotContain(LESSON + " › ");
    assertThat(buttons(post)).containsExactly(AnswerMessage.HELPFUL, AnswerMessage.NOT_HELPFUL);
  }

  @Test
  void follow_up_in_a_direct_message_thread_uses_the_earlier_question() throws Exception {
    String thread = "720.000001";
    deliverEvent(SlackPayloads.assistantThreadStarted("EvThread", ALICE, DM, thread));
    deliverEvent(SlackPayloads.message("EvFirst", DM, "im", ALICE, "720.000002", thread, "should we fine-tune first?"));
    Call first = api.await("chat.postMessage", c -> c.param("text").contains("first move"), 1, WAIT).get(0);
    deliverEvent(SlackPayloads.message("EvLora", DM, "im", ALICE, "720.000003", thread, "what about LoRA?"));
    Call lora = api.await("chat.postMessage", c -> c.param("text").contains("LoRA"), 1, WAIT).get(0);
    // "and why?" alone is not in the lesson; after "what about LoRA?" it asks about LoRA
    deliverEvent(SlackPayloads.message("EvWhy", DM, "im", ALICE, "720.000004", thread, "and why?"));
    Call why = api.await("chat.postMessage", c -> c.atNanos() > lora.atNanos(), 1, WAIT).get(0);

    assertThat(first.param("thread_ts")).isEqualTo(thread);
    assertThat(contextLine(first).toString()).contains("› The premise");
    assertThat(lora.param("thread_ts")).isEqualTo(thread);
    assertThat(lora.param("text")).contains("parameter-efficient");
    assertThat(why.param("thread_ts")).isEqualTo(thread);
    assertThat(why.param("text")).doesNotContain(safe(REFUSAL)).contains("LoRA");
    assertThat(contextLine(why).toString()).contains("› Key terms");
  }

  @Test
  void a_thread_follow_up_continues_the_topic_and_an_off_topic_reply_is_declined() throws Exception {
    String thread = "730.000001";
    deliverEvent(SlackPayloads.assistantThreadStarted("EvSteps", ALICE, DM, thread));
    deliverEvent(SlackPayloads.message("EvFirstStep", DM, "im", ALICE, "730.000002", thread, "what comes first in the framework?"));
    Call first = api.await("chat.postMessage", c -> c.param("text").contains("prompt engineering first"), 1, WAIT).get(0);
    deliverEvent(SlackPayloads.message("EvAfter", DM, "im", ALICE, "730.000003", thread, "and after that?"));
    Call after = api.await("chat.postMessage", c -> c.atNanos() > first.atNanos(), 1, WAIT).get(0);
    // a self-contained question the lesson does not cover: the earlier topic must not rescue it
    deliverEvent(SlackPayloads.message("EvRamen", DM, "im", ALICE, "730.000004", thread, "any good ramen places near the office?"));
    Call ramen = api.await("chat.postMessage", c -> c.atNanos() > after.atNanos(), 1, WAIT).get(0);

    assertThat(after.param("thread_ts")).isEqualTo(thread);
    assertThat(after.param("text")).contains("Try RAG second");
    assertThat(ramen.param("thread_ts")).isEqualTo(thread);
    assertThat(ramen.param("text")).startsWith(safe(REFUSAL)).doesNotContain("ramen");
  }

  @Test
  void a_forty_thousand_character_question_is_answered_not_apologised_for() throws Exception {
    StringBuilder text = new StringBuilder(mention("what can't fine-tuning fix? "));
    while (text.length() < 40_000) {
      text.append("log line: latency spiked, prompt retried, fine-tune job queued. ");
    }
    deliverEvent(SlackPayloads.appMention("EvLong", CHANNEL, ALICE, "740.000001", null, text.substring(0, 40_000)));

    Call post = api.await("chat.postMessage", c -> "740.000001".equals(c.param("thread_ts")), 1, WAIT).get(0);
    assertThat(post.param("text")).doesNotContain(safe(SlackContext.TUTOR_APOLOGY)).doesNotContain("Sorry, I couldn")
        .doesNotContain(safe(REFUSAL));
    // answered from the lesson, with its source, and the person's 40,000 characters never echoed back
    assertThat(contextLine(post).toString()).contains(LESSON + " › ");
    assertThat(post.param("text")).doesNotContain("log line");
  }

  @Test
  void show_passage_posts_the_whole_passage_of_the_answer() throws Exception {
    deliverEvent(SlackPayloads.appMention("EvShow", CHANNEL, ALICE, "730.000001", null,
        mention("should we fine-tune first?")));
    Call answer = api.await("chat.postMessage", 1, WAIT).get(0);
    JsonNode buttonsBlock = answer.json("blocks").get(answer.json("blocks").size() - 1).path("elements");
    String passageId = null;
    for (JsonNode button : buttonsBlock) {
      if (AnswerMessage.SHOW_PASSAGE.equals(button.path("action_id").asText())) {
        passageId = button.path("value").asText();
      }
    }
    assertThat(passageId).isNotBlank();
    String id = passageId;
    Passage passage = tutor.library().passages().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();

    deliverAction(SlackPayloads.blockAction(AnswerMessage.SHOW_PASSAGE, passageId, "UBOB", CHANNEL,
        "730.000002", "730.000001"));

    Call shown = api.await("chat.postEphemeral", 1, WAIT).get(0);
    assertThat(shown.param("user")).isEqualTo("UBOB");
    assertThat(shown.param("channel")).isEqualTo(CHANNEL);
    assertThat(passage.text()).isEqualTo(PREMISE);
    assertThat(shown.json("blocks").toString()).contains(safe(passage.text())).contains(LESSON + " › The premise");
  }

  /** The text as the tutor sends it to Slack (escaped, mentions broken). */
  static String safe(String text) {
    return SafeText.neutralize(text);
  }
}
