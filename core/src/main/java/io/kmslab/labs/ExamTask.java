package io.kmslab.labs;

/**
 * A task statement of an AWS certification exam guide that a lab practises, as the guide numbers it.
 *
 * @param exam the exam's code: {@code SCS-C03}, {@code SAA-C03}, {@code DVA-C02}, {@code SOA-C03}
 * @param task the task or skill number in that guide ({@code 4.2.3})
 * @param text what the task asks, in our words
 */
public record ExamTask(String exam, String task, String text) {
    @Override
    public String toString() {
        return exam + " " + task;
    }
}
