package org.opentalks.contract.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.contract.store.ObjectStore;

/** Renders a stored {@link TalkRecord} as D-ID's talk object, presigning its media for the client. */
public final class TalkObjects {

    public static TalkObject render(TalkRecord r, ObjectStore store, Duration urlValidity) {
        TalkSpec spec = r.spec();
        return new TalkObject(
                r.id(), "talk", r.owner(), r.owner(),
                TalkObject.timestamp(r.createdAt()), TalkObject.timestamp(r.startedAt()),
                TalkObject.timestamp(r.modifiedAt()), r.status().wire(),
                spec.sourceUrl(), spec.driverUrl(),
                r.audioKey() == null ? null : store.presignedGet(r.audioKey(), urlValidity),
                r.resultKey() == null ? null : store.presignedGet(r.resultKey(), urlValidity),
                r.duration(), config(spec), r.metadata(), spec.userData(), spec.name(), spec.webhook(),
                r.error() == null ? null : ApiError.of(r.error().kind().name(), r.error().description()));
    }

    /** The effective config, echoed in D-ID's form (result_format with a leading dot). */
    static Map<String, Object> config(TalkSpec spec) {
        TalkSpec.TalkConfig c = spec.config() == null ? TalkSpec.TalkConfig.DEFAULT : spec.config();
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("stitch", c.stitch());
        echo.put("result_format", "." + c.resultFormat());
        return echo;
    }

    private TalkObjects() {
    }
}
