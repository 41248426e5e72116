package dev.herald.platform;

import dev.herald.problems.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** Enum constants as clients write them: lower case ({@code pending_approval}). */
public final class WireEnums {

    private WireEnums() {
    }

    /** The constant named {@code raw} (any case), null when raw is blank; a 400 naming the choices otherwise. */
    public static <E extends Enum<E>> E parse(Class<E> type, String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> constant.name().toLowerCase(Locale.ROOT)).toList() + ", not '" + raw + "'");
        }
    }
}
