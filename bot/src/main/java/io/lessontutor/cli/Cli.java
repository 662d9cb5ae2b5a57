package io.lessontutor.cli;

/** Exit codes shared by the commands. */
public final class Cli {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  private Cli() {}
}
