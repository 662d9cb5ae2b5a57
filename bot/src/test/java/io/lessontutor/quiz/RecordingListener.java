package io.lessontutor.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records what a round reports, the way the Slack layer would receive it, and hands out message refs. */
final class RecordingListener implements RoundListener {
  final BlockingQueue<AskedQuestion> asked = new LinkedBlockingQueue<>();
  final BlockingQueue<RevealedQuestion> revealed = new LinkedBlockingQueue<>();
  final BlockingQueue<RoundResult> finished = new LinkedBlockingQueue<>();
  final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public String questionAsked(AskedQuestion q) {
    events.add("asked " + q.number());
    asked.add(q);
    return "msg-" + q.roundId() + "-" + q.number();
  }

  @Override
  public void questionRevealed(RevealedQuestion r) {
    events.add("revealed " + r.number());
    revealed.add(r);
  }

  @Override
  public void roundFinished(RoundResult result) {
    events.add("finished");
    finished.add(result);
  }

  AskedQuestion nextAsked() throws InterruptedException {
    return take(asked, "a question to be asked");
  }

  RevealedQuestion nextRevealed() throws InterruptedException {
    return take(revealed, "a reveal");
  }

  RoundResult nextFinished() throws InterruptedException {
    return take(finished, "the round to finish");
  }

  private static <T> T take(BlockingQueue<T> queue, String what) throws InterruptedException {
    T item = queue.poll(10, TimeUnit.SECONDS);
    assertThat(item).as("waited 10 s for " + what).isNotNull();
    return item;
  }
}
