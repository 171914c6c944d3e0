package io.switchboard.helpdesk.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** Mail servers against server-side request forgery, as a production deployment checks them. */
class MailServersTest {

    private final MailServers production = new MailServers(false);

    @Test
    void privateLoopbackAndMetadataServersAreRefused() {
        assertThat(production.problem("127.0.0.1")).contains("loopback");
        assertThat(production.problem("localhost")).contains("loopback");
        assertThat(production.problem("10.0.0.5")).contains("private");
        assertThat(production.problem("169.254.169.254")).contains("link-local");
        assertThat(production.problem("[::1]")).contains("loopback");
        assertThat(production.problem("smtp://mail.example.com")).contains("host name");
        assertThat(production.problem("mail.example.com:25")).contains("host name");
        assertThat(production.problem("93.184.216.34")).isNull();
    }

    @Test
    void connectionsToRefusedAddressesNeverOpenEvenWhenTheNameChangedSince() throws IOException {
        try (ServerSocket server = new ServerSocket(0)) {
            Socket socket = production.socketFactory().createSocket();
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 1000))
                    .hasMessageContaining("refused");
            assertThat(socket.isConnected()).isFalse();
            try (Socket allowed =
                    new MailServers(true).socketFactory().createSocket("127.0.0.1", server.getLocalPort())) {
                assertThat(allowed.isConnected()).isTrue();
            }
        }
    }
}
