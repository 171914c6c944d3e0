package io.switchboard.webhook.target;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Name resolution for target hosts; the system resolver in the service, a scripted one in tests of DNS rebinding. */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
