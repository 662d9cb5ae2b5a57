package io.lessontutor.slack.views;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import io.lessontutor.answer.Source;
import io.lessontutor.slack.SafeText;
import java.util.ArrayList;
import java.util.List;

/** The whole passage behind an answer, shown privately after "Show passage". */
public final class PassageMessage {

  private PassageMessage() {}

  public static List<LayoutBlock> blocks(Source source) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(context(List.of(markdownText(":book: " + SafeText.neutralize(source.citation())))));
    blocks.addAll(AnswerMessage.sections(source.text(), AnswerMessage.MAX_BLOCKS - 1));
    return List.copyOf(blocks);
  }

  public static String fallbackText(Source source) {
    return source.citation() + ": " + source.text();
  }
}
