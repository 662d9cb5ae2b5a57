package io.lessontutor.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.lessontutor.slack.http.SlackHttpServer;
import io.lessontutor.slack.testing.SignedSlackRequests;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The real tutor behind the real Bolt app in HTTP mode: signed requests into {@code /slack/events}. */
class SlackRealTutorHttpIT extends RealTutorScenarios {

  SlackHttpServer server;
  SignedSlackRequests slackSends;

  @Override
  void connect(SlackApp slack) throws Exception {
    server = SlackHttpServer.start(slack.app(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    slackSends = new SignedSlackRequests(server.port());
  }

  @Override
  void disconnect(SlackApp slack) {
    server.close();
  }

  @Override
  void deliverEvent(String eventCallbackJson) throws Exception {
    assertThat(slackSends.event(eventCallbackJson)).isEqualTo(200);
  }

  @Override
  void deliverAction(String blockActionJson) throws Exception {
    assertThat(slackSends.interaction(blockActionJson)).isEqualTo(200);
  }
}
