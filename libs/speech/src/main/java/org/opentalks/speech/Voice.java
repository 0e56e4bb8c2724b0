package org.opentalks.speech;

import java.util.List;

/**
 * An installed espeak-ng voice.
 *
 * @param name the voice's display name, e.g. {@code English_(America)}
 * @param identifier its file under espeak-ng-data, e.g. {@code gmw/en-US}
 * @param languages the languages it speaks, best first, lower case, e.g. {@code [en-us, en]}
 * @param gender {@code male}, {@code female} or {@code unspecified}
 */
public record Voice(String name, String identifier, List<String> languages, String gender) {
    public Voice {
        languages = List.copyOf(languages);
    }
}
