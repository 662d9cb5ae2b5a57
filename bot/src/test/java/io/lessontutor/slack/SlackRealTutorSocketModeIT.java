package io.lessontutor.slack;

import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.lessontutor.slack.testing.FakeSocketModeServer;
import io.lessontutor.slack.testing.SlackTestTutor;

/**
 * The real tutor behind the real Bolt app in Socket Mode: envelopes over a WebSocket on loopback,
 * each acked by its envelope_id.
 */
class SlackRealTutorSocketModeIT extends RealTutorScenarios {

  FakeSocketModeServer socket;
  SocketModeApp socketMode;

  @Override
  void connect(SlackApp slack) throws Exception {
    socket = new FakeSocketModeServer().startListening();
    api.socketModeUrl(socket.url());
    socketMode = new SocketModeApp(SlackTestTutor.APP_TOKEN, slack.app(), SocketModeClient.Backend.JavaWebSocket);
    socketMode.startAsync();
    socket.awaitConnection(WAIT);
  }

  @Override
  void disconnect(SlackApp slack) throws Exception {
    socketMode.close();
    socket.stop(1000);
  }

  @Override
  void deliverEvent(String eventCallbackJson) throws Exception {
    socket.awaitAck(socket.send("events_api", eventCallbackJson, 0), WAIT);
  }

  @Override
  void deliverAction(String blockActionJson) throws Exception {
    socket.awaitAck(socket.send("interactive", blockActionJson, 0), WAIT);
  }
}
