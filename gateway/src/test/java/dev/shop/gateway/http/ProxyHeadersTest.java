package dev.shop.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;

@Tag("fast")
class ProxyHeadersTest {

    @Test
    void preferGoesUpstreamAndPreferenceAppliedComesBack() {
        MultiMap fromClient = MultiMap.caseInsensitiveMultiMap().add("Prefer", "wait=10").add("Connection", "close");
        MultiMap toUpstream = MultiMap.caseInsensitiveMultiMap();
        ProxyHeaders.copyRequestHeaders(fromClient, toUpstream);
        assertEquals("wait=10", toUpstream.get("Prefer"));
        assertNull(toUpstream.get("Connection"));

        MultiMap fromUpstream = MultiMap.caseInsensitiveMultiMap().add("Preference-Applied", "wait=10");
        MultiMap toClient = MultiMap.caseInsensitiveMultiMap();
        ProxyHeaders.copyResponseHeaders(fromUpstream, toClient);
        assertEquals("wait=10", toClient.get("Preference-Applied"));
    }
}
