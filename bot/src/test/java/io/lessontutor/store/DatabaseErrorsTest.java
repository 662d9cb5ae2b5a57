package io.lessontutor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lessontutor.config.StartupException;
import org.junit.jupiter.api.Test;

class DatabaseErrorsTest {

  @Test
  void a_url_no_driver_handles_is_named_in_one_line_with_what_would_work() {
    assertThatThrownBy(() -> Database.open("jdbc:foo:bar"))
        .isInstanceOf(StartupException.class)
        .hasMessage("TUTOR_DATABASE_URL 'jdbc:foo:bar' is not a database the tutor can open:"
            + " use jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DATABASE.");
  }

  @Test
  void a_database_that_cannot_be_reached_is_named_in_one_line_without_its_password() {
    // Port 9 (discard) on loopback refuses at once.
    assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:9/tutor?user=tutor&password=hunter2"))
        .isInstanceOf(StartupException.class)
        .satisfies(e -> assertThat(e.getMessage())
            .startsWith("cannot connect to the database at jdbc:postgresql://127.0.0.1:9/tutor?user=tutor&password=***")
            .contains("SQL state 08001").contains("check TUTOR_DATABASE_URL")
            .doesNotContain("hunter2").doesNotContain("\n").doesNotContain("user 'null'"));
  }
}
