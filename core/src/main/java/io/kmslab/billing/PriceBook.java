package io.kmslab.billing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.kmslab.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * The prices KMS Lab bills with, kept as data ({@code price-book.json}) with the date they were taken: $1 a key-month
 * prorated by the hour, $1 a month more for each of the first two rotations of a key, requests priced per 10,000 by
 * class, and a free tier of 20,000 symmetric requests a month across all regions.
 */
public record PriceBook(LocalDate effectiveDate, String source, String currency, BigDecimal keyMonth,
        BigDecimal rotationSurchargeMonth, int rotationsSurcharged, long freeTierRequests, long requestsPerPrice,
        Map<RequestClass, BigDecimal> requestPrices) {

    public PriceBook {
        requestPrices = new EnumMap<>(requestPrices);
        for (RequestClass c : RequestClass.values()) {
            if (!requestPrices.containsKey(c)) {
                throw new IllegalArgumentException("the price book has no price for " + c + " requests");
            }
        }
    }

    /** The price book shipped with KMS Lab. */
    public static PriceBook standard() {
        try (InputStream in = PriceBook.class.getResourceAsStream("price-book.json")) {
            return Json.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(in, PriceBook.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the price book", e);
        }
    }

    /** The price of one request of a class (for instance $0.000003 for a symmetric request). */
    public BigDecimal perRequest(RequestClass requestClass) {
        return requestPrices.get(requestClass).divide(BigDecimal.valueOf(requestsPerPrice));
    }
}
