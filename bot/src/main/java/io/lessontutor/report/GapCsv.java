package io.lessontutor.report;

import java.util.List;

/**
 * The declined questions of a {@link GapReport} as CSV (RFC 4180, UTF-8, CRLF line ends), one row
 * a question: {@code group,group_size,example,question}, biggest group first. A cell that a
 * spreadsheet would read as a formula (it starts with {@code = + - @}, a tab or a carriage return)
 * is prefixed with an apostrophe, since the questions are whatever people typed.
 */
public final class GapCsv {

  public static final String HEADER = "group,group_size,example,question";

  private GapCsv() {}

  public static String declined(GapReport report) {
    StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
    List<GapReport.DeclinedGroup> groups = report.declined();
    for (int g = 0; g < groups.size(); g++) {
      GapReport.DeclinedGroup group = groups.get(g);
      for (String question : group.questions()) {
        csv.append(g + 1).append(',').append(group.count()).append(',').append(cell(group.example())).append(',')
            .append(cell(question)).append("\r\n");
      }
    }
    return csv.toString();
  }

  static String cell(String text) {
    String value = text == null ? "" : text;
    if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
      value = "'" + value;
    }
    if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
