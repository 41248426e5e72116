package dev.herald.inbound.control;

import dev.herald.platform.json.JsonFields;
import dev.herald.platform.json.Jsons;
import dev.herald.platform.text.TenantRegex;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A component's rule that turns a pushed tag into a release: a tag matching {@code tagPattern}
 * creates a release on {@code channel}, its version the pattern's first group (or the tag).
 * E.g. {@code ^v(\d+\.\d+\.\d+)$} on {@code stable}: tag v1.4.0 releases 1.4.0; v1.4.0-rc1 does not.
 * Its {@code channelRules} may take the channel from the tag instead: the first rule whose
 * pattern is found in the tag names it (e.g. {@code -rc\d+$} → {@code beta}).
 */
public record ReleaseTrigger(String tagPattern, String channel, List<ChannelRule> channelRules) {

    static final int MAX_CHANNEL_RULES = 10;

    /** A tag in which {@code tagPattern} is found goes to {@code channel}. */
    public record ChannelRule(String tagPattern, String channel) {}

    /** The version this trigger releases for {@code tag}, if the tag matches. */
    public Optional<String> versionOf(String tag) {
        return TenantRegex.firstMatch(tagPattern, tag)
                .map(groups -> groups.size() > 1 && groups.get(1) != null ? groups.get(1) : tag);
    }

    /** The channel a release of {@code tag} goes to. */
    public String channelFor(String tag) {
        return channelRules.stream()
                .filter(rule -> TenantRegex.find(rule.tagPattern(), tag))
                .findFirst()
                .map(ChannelRule::channel)
                .orElse(channel);
    }

    public static List<ReleaseTrigger> read(List<JsonFields> items) {
        List<ReleaseTrigger> triggers = new ArrayList<>();
        for (JsonFields item : items) {
            item.allowOnly(Set.of("tagPattern", "channel", "channelRules"));
            String pattern = pattern(item, "a regular expression for release tags, e.g. ^v(\\d+\\.\\d+\\.\\d+)$");
            String channel = item.text("channel", 100, "the channel its releases go to, e.g. stable");
            List<JsonFields> ruleItems = item.objects("channelRules");
            List<ChannelRule> rules = new ArrayList<>();
            if (ruleItems != null && ruleItems.size() > MAX_CHANNEL_RULES) {
                item.errors().add(item.name("channelRules"), "may have at most " + MAX_CHANNEL_RULES + " rules");
            } else if (ruleItems != null) {
                for (JsonFields rule : ruleItems) {
                    rule.allowOnly(Set.of("tagPattern", "channel"));
                    rules.add(new ChannelRule(
                            pattern(rule, "a regular expression found in the tag, e.g. -rc\\d+$"),
                            rule.text("channel", 100, "the channel such tags go to, e.g. beta")));
                }
            }
            triggers.add(new ReleaseTrigger(pattern, channel, List.copyOf(rules)));
        }
        return triggers;
    }

    private static String pattern(JsonFields item, String what) {
        String pattern = item.text("tagPattern", 300, what);
        if (pattern != null) {
            TenantRegex.problemWith(pattern).ifPresent(problem -> item.errors().add(item.name("tagPattern"), problem));
        }
        return pattern;
    }

    public static String toJson(List<ReleaseTrigger> triggers) {
        var array = Jsons.array();
        triggers.forEach(trigger -> {
            JsonArrayBuilder rules = Jsons.array();
            trigger.channelRules()
                    .forEach(rule -> rules.add(
                            Jsons.object().add("tagPattern", rule.tagPattern()).add("channel", rule.channel())));
            array.add(Jsons.object()
                    .add("tagPattern", trigger.tagPattern())
                    .add("channel", trigger.channel())
                    .add("channelRules", rules));
        });
        return array.build().toString();
    }

    public static List<ReleaseTrigger> fromJson(String json) {
        try (var reader = Jsons.reader(new java.io.StringReader(json))) {
            return reader.readArray().getValuesAs(JsonObject.class).stream()
                    .map(item -> new ReleaseTrigger(
                            item.getString("tagPattern"),
                            item.getString("channel"),
                            !item.containsKey("channelRules")
                                    ? List.of()
                                    : item.getJsonArray("channelRules").getValuesAs(JsonObject.class).stream()
                                            .map(rule -> new ChannelRule(
                                                    rule.getString("tagPattern"), rule.getString("channel")))
                                            .toList()))
                    .toList();
        }
    }
}
