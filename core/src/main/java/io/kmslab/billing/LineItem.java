package io.kmslab.billing;

import java.math.BigDecimal;

/** One line of a bill: what, for which resource, how much of it, and the amount (not yet rounded). */
public record LineItem(String description, String resource, BigDecimal quantity, String unit, BigDecimal amount) {
}
