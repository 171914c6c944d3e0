package io.switchboard.telephony.calls;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.testing.ari.AriSimulator;
import java.util.Map;

/** Starts the ARI simulator before the application, which connects to it as it would to Asterisk. */
public class AriSimulatorResource implements QuarkusTestResourceLifecycleManager {

    static final String USER = "ariuser";
    static final String PASSWORD = "aripass";
    static volatile AriSimulator simulator;

    /** The simulator of the running test application. */
    public static AriSimulator simulator() {
        return simulator;
    }

    @Override
    public Map<String, String> start() {
        simulator = AriSimulator.start("switchboard", USER, PASSWORD);
        return Map.of(
                "switchboard.telephony.ari.url", simulator.baseUrl(),
                "switchboard.telephony.ari.username", USER,
                "switchboard.telephony.ari.password", PASSWORD);
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
