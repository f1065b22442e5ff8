package io.kmslab.operations;

import io.kmslab.errors.InvalidMarkerException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Limit and Marker paging as the KMS list operations do it. The marker is opaque to the caller; here it names the
 * sort key of the last item returned, so a page resumes correctly even when items were added or removed meanwhile.
 */
public final class Paging {
    private Paging() {
    }

    record Page<T>(List<T> items, String nextMarker, boolean truncated) {
    }

    static <T> Page<T> page(List<T> sorted, Function<T, String> sortKey, String kind, Integer limit, String marker,
            int defaultLimit) {
        int size = limit == null ? defaultLimit : limit;
        List<T> rest = sorted;
        if (marker != null) {
            String after = decode(kind, marker);
            rest = sorted.stream().filter(item -> sortKey.apply(item).compareTo(after) > 0).toList();
        }
        if (rest.size() <= size) {
            return new Page<>(rest, null, false);
        }
        List<T> items = rest.subList(0, size);
        return new Page<>(List.copyOf(items), encode(kind, sortKey.apply(items.get(size - 1))), true);
    }

    private static String encode(String kind, String sortKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + "\n" + sortKey).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String kind, String marker) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (text.startsWith(kind + "\n")) {
                return text.substring(kind.length() + 1);
            }
        } catch (IllegalArgumentException e) {
            // not base64: an invalid marker, reported below
        }
        throw new InvalidMarkerException(
                "The request was rejected because the marker that specifies where pagination should next begin is not valid.");
    }
}
