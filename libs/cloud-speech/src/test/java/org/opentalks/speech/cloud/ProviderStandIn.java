package org.opentalks.speech.cloud;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What every provider's stand-in has: its server, and the speech it answered with. */
public abstract class ProviderStandIn implements AutoCloseable {
    protected final StandIn server = new StandIn();
    private final List<TestSpeech.Spoken> answered = new CopyOnWriteArrayList<>();

    protected ProviderStandIn() throws IOException {
    }

    public StandIn server() {
        return server;
    }

    public URI base() {
        return server.base();
    }

    /** What it spoke, answer by answer. */
    public List<TestSpeech.Spoken> answered() {
        return List.copyOf(answered);
    }

    protected void answered(TestSpeech.Spoken spoken) {
        answered.add(spoken);
    }

    @Override
    public void close() {
        server.close();
    }
}
