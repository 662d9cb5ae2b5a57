package io.lessontutor.slack.agent;

import com.google.gson.annotations.SerializedName;
import com.slack.api.model.event.Event;
import java.util.List;

/**
 * Slack's {@code app_context_changed} event, which Bolt for Java 1.51 has no class for: what the
 * person is viewing beside the agent changed. Entities come most relevant first; the context is
 * empty when they view nothing Slack can name. Only apps with {@code features.agent_view} get it.
 * Bolt finds the event type through {@link #TYPE_NAME} and fills the fields with Gson.
 */
public final class AppContextChangedEvent implements Event {

  public static final String TYPE_NAME = "app_context_changed";
  /** The entity type of a channel. */
  public static final String CHANNEL_ENTITY = "slack#/types/channel_id";

  private final String type = TYPE_NAME;
  private String user;
  private String channel;
  private Context context;
  @SerializedName("event_ts")
  private String eventTs;

  @Override
  public String getType() {
    return type;
  }

  public String getUser() {
    return user;
  }

  /** The conversation with the agent (its direct message), when Slack names it. */
  public String getChannel() {
    return channel;
  }

  public String getEventTs() {
    return eventTs;
  }

  /** The entities, most relevant first; empty, never null. */
  public List<Entity> entities() {
    return context == null || context.entities == null ? List.of() : List.copyOf(context.entities);
  }

  /** The most relevant channel the person is viewing, or null. */
  public String viewedChannel() {
    return entities().stream()
        .filter(e -> CHANNEL_ENTITY.equals(e.type) && e.value != null && e.value.isJsonPrimitive())
        .map(e -> e.value.getAsString())
        .findFirst()
        .orElse(null);
  }

  static final class Context {
    List<Entity> entities;
  }

  /** One thing the person views: a channel, a canvas, a list, a message (its value is then an object). */
  public static final class Entity {
    String type;
    com.google.gson.JsonElement value;
    @SerializedName("team_id")
    String teamId;

    public String type() {
      return type;
    }
  }
}
