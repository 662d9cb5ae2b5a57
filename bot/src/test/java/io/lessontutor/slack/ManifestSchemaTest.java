package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both app manifests against Slack's own manifest JSON Schema, read from the shared folder
 * (slackapi/manifest-schema, unchanged). The root schema refers to its versioned schemas by their
 * GitHub address; those references are mapped to the files beside it, so nothing is fetched.
 */
class ManifestSchemaTest {

  static final Path SCHEMAS = Path.of(System.getProperty("tutor.knowledge.dir", "../knowledge"))
      .resolve("../../shared/slack-manifest-schema").normalize();
  static final Path SCRIPTS = Path.of(System.getProperty("tutor.knowledge.dir", "../knowledge")).resolve("../scripts");
  static final String REMOTE = "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/";
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static JsonSchema slackSchema;

  @BeforeAll
  static void loadSchema() {
    assertThat(SCHEMAS.resolve("manifest.schema.json")).as("Slack's schema in ../shared").exists();
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, builder -> builder
        .schemaMappers(mappers -> mappers.mapPrefix(REMOTE, SCHEMAS.toUri().toString())));
    slackSchema = factory.getSchema(SchemaLocation.of(SCHEMAS.resolve("manifest.schema.json").toUri().toString()));
  }

  static JsonNode manifest(String file) throws Exception {
    return YAML.readTree(Files.readString(SCRIPTS.resolve(file)));
  }

  @Test
  void assistant_panel_manifest_is_valid_against_slacks_schema() throws Exception {
    JsonNode manifest = manifest("slack-manifest.yml");
    assertThat(slackSchema.validate(manifest)).isEmpty();
    assertThat(manifest.path("features").has("assistant_view")).isTrue();
    assertThat(manifest.path("features").has("agent_view")).isFalse();
  }

  @Test
  void agent_messaging_manifest_is_valid_against_slacks_schema() throws Exception {
    JsonNode manifest = manifest("slack-manifest-agent.yml");
    assertThat(slackSchema.validate(manifest)).isEmpty();
    JsonNode agent = manifest.path("features").path("agent_view");
    assertThat(agent.path("agent_description").asText()).isNotBlank();
    assertThat(agent.path("suggested_prompts")).isNotEmpty();
    assertThat(manifest.path("features").has("assistant_view")).isFalse();
    assertThat(manifest.path("settings").path("event_subscriptions").path("bot_events").toString())
        .contains("app_context_changed").contains("agent_session_stopped").contains("app_home_opened");
  }

  @Test
  void both_manifests_declare_the_same_commands_and_shortcuts() throws Exception {
    JsonNode panel = manifest("slack-manifest.yml").path("features");
    JsonNode agent = manifest("slack-manifest-agent.yml").path("features");
    assertThat(agent.path("slash_commands")).isEqualTo(panel.path("slash_commands"));
    assertThat(agent.path("shortcuts")).isEqualTo(panel.path("shortcuts"));
    assertThat(panel.path("slash_commands").findValuesAsText("command"))
        .contains("/tutor", "/tutor-settings", "/tutor-quiz", "/should-we-finetune");
  }

  @Test
  void schema_rejects_a_manifest_slack_would_refuse() throws Exception {
    ObjectNode broken = (ObjectNode) manifest("slack-manifest-agent.yml");
    ((ObjectNode) broken.path("features").path("agent_view")).put("agent_colour", "blue");
    Set<ValidationMessage> problems = slackSchema.validate(broken);
    assertThat(problems).isNotEmpty();
  }
}
