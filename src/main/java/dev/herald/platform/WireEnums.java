package dev.herald.platform;

import dev.herald.problems.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Enum constants as clients write them: lower case ({@code pending_approval}). */
public final class WireEnums {

    private WireEnums() {}

    /**
     * The constant named {@code raw} (any case), or null when there is none: for a filter in a
     * console URL, where a value no constant has shows everything rather than an error page.
     */
    public static <E extends Enum<E>> E orNull(Class<E> type, String raw) {
        return raw == null
                ? null
                : Arrays.stream(type.getEnumConstants())
                        .filter(constant -> constant.name().equalsIgnoreCase(raw.trim()))
                        .findFirst()
                        .orElse(null);
    }

    /** The constant whose wire name ({@code wireNames}) is exactly {@code name}, if one is. */
    public static <E extends Enum<E>> Optional<E> ofWireName(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().toLowerCase(Locale.ROOT).equals(name))
                .findFirst();
    }

    /** The constants as clients write them. */
    public static <E extends Enum<E>> List<String> wireNames(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .toList();
    }

    /** The constant named {@code raw} (any case), null when raw is blank; a 400 naming the choices otherwise. */
    public static <E extends Enum<E>> E parse(Class<E> type, String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(field, "must be one of " + wireNames(type) + ", not '" + raw + "'");
        }
    }
}
