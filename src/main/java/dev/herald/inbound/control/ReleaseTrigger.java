package dev.herald.inbound.control;

import dev.herald.platform.json.JsonFields;
import dev.herald.platform.text.TenantRegex;
import dev.herald.platform.json.Jsons;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A component's rule that turns a pushed tag into a release: a tag matching {@code tagPattern}
 * creates a release on {@code channel}, its version the pattern's first group (or the tag).
 * E.g. {@code ^v(\d+\.\d+\.\d+)$} on {@code stable}: tag v1.4.0 releases 1.4.0; v1.4.0-rc1 does not.
 */
public record ReleaseTrigger(String tagPattern, String channel) {

    /** The version this trigger releases for {@code tag}, if the tag matches. */
    public Optional<String> versionOf(String tag) {
        return TenantRegex.firstMatch(tagPattern, tag)
                .map(groups -> groups.size() > 1 && groups.get(1) != null ? groups.get(1) : tag);
    }

    public static List<ReleaseTrigger> read(List<JsonFields> items) {
        List<ReleaseTrigger> triggers = new ArrayList<>();
        for (JsonFields item : items) {
            item.allowOnly(Set.of("tagPattern", "channel"));
            String pattern = item.text("tagPattern", 300, "a regular expression for release tags, e.g. "
                    + "^v(\\d+\\.\\d+\\.\\d+)$");
            String channel = item.text("channel", 100, "the channel its releases go to, e.g. stable");
            if (pattern != null) {
                TenantRegex.problemWith(pattern)
                        .ifPresent(problem -> item.errors().add(item.name("tagPattern"), problem));
            }
            triggers.add(new ReleaseTrigger(pattern, channel));
        }
        return triggers;
    }

    public static String toJson(List<ReleaseTrigger> triggers) {
        var array = Jsons.array();
        triggers.forEach(trigger -> array.add(Jsons.object().add("tagPattern", trigger.tagPattern())
                .add("channel", trigger.channel())));
        return array.build().toString();
    }

    public static List<ReleaseTrigger> fromJson(String json) {
        try (var reader = Jsons.reader(new java.io.StringReader(json))) {
            return reader.readArray().getValuesAs(JsonObject.class).stream()
                    .map(item -> new ReleaseTrigger(item.getString("tagPattern"), item.getString("channel")))
                    .toList();
        }
    }
}
