package io.kmslab.benchmarks;

import io.kmslab.Kms;
import io.kmslab.KmsLab;
import io.kmslab.api.CreateKeyRequest;
import io.kmslab.api.EnableKeyRotationRequest;
import io.kmslab.api.Tag;
import io.kmslab.api.TagResourceRequest;
import io.kmslab.persistence.LabStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The cost of one change to a lab kept in a data directory (issue #9): TagResource on a lab whose 100 keys rotated
 * yearly for 100 simulated years (about 10,000 key materials), beside TagResource on a fresh lab of 100 keys, in the
 * same JVM and the same run, each in its own data directory. Prints, per lab, the median and mean microseconds of a
 * TagResource over several rounds, the ratio aged/fresh, how long the 100 years took, and the bytes on disk per file
 * kind (snapshot, journal segments, audit journal). Not a JMH benchmark: a timed main, like {@link FiveMillionCalls};
 * it asserts nothing; quote the ratio, not the absolute times alone.
 *
 * <pre>{@code
 * benchmarks/persistence-cost.sh                 # builds if needed; data directories in a temporary directory
 * java -cp benchmarks/target/benchmarks.jar io.kmslab.benchmarks.PersistenceCost [keys] [years] [calls] [rounds]
 * }</pre>
 */
public final class PersistenceCost {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** The timings of one lab: microseconds per TagResource, one median a round. */
    record Timing(String lab, List<Double> medians, double mean) {
        double median() {
            double[] sorted = medians.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return sorted[sorted.length / 2];
        }
    }

    public static void main(String[] args) throws IOException {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int years = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Path work = Files.createTempDirectory("kmslab-persistence-cost");

        KmsLab fresh = LabStore.open(work.resolve("fresh"), KmsLab.builder().startingAt(START).seed(1));
        List<String> freshKeys = createKeys(fresh, keys);

        KmsLab aged = LabStore.open(work.resolve("aged"), KmsLab.builder().startingAt(START).seed(2));
        List<String> agedKeys = createKeys(aged, keys);
        long began = System.nanoTime();
        for (int year = 0; year < years; year++) {
            aged.advance(Duration.ofDays(365));
        }
        Duration ageing = Duration.ofNanos(System.nanoTime() - began);
        long materials = aged.keyLedger().stream().mapToLong(k -> k.materials().size()).sum();

        List<Double> freshMedians = new ArrayList<>();
        List<Double> agedMedians = new ArrayList<>();
        double freshSum = 0;
        double agedSum = 0;
        tag(fresh, freshKeys, calls / 4); // warm-up of both paths
        tag(aged, agedKeys, calls / 4);
        for (int round = 0; round < rounds; round++) {
            // the two labs alternate, so that both see the same machine
            double[] f = tag(fresh, freshKeys, calls);
            double[] a = tag(aged, agedKeys, calls);
            freshMedians.add(median(f));
            agedMedians.add(median(a));
            freshSum += Arrays.stream(f).sum();
            agedSum += Arrays.stream(a).sum();
        }
        long freshBytes = journalBytesOfOneTag(fresh, freshKeys.get(0), work.resolve("fresh"));
        long agedBytes = journalBytesOfOneTag(aged, agedKeys.get(0), work.resolve("aged"));
        Timing freshTiming = new Timing("fresh", freshMedians, freshSum / ((double) calls * rounds));
        Timing agedTiming = new Timing("aged", agedMedians, agedSum / ((double) calls * rounds));
        fresh.close();
        aged.close();

        System.out.printf(Locale.ROOT, "%d keys; the aged lab: %d years of yearly rotations in %.1f s, %,d key "
                + "materials%n", keys, years, ageing.toMillis() / 1000.0, materials);
        for (Timing t : List.of(freshTiming, agedTiming)) {
            System.out.printf(Locale.ROOT, "TagResource, %-5s lab: median %.1f us (round medians %s), mean %.1f us%n",
                    t.lab(), t.median(), t.medians().stream().map(m -> String.format(Locale.ROOT, "%.1f", m))
                            .toList(), t.mean());
        }
        System.out.printf(Locale.ROOT, "aged/fresh: median %.2f, mean %.2f%n", agedTiming.median()
                / freshTiming.median(), agedTiming.mean() / freshTiming.mean());
        System.out.printf(Locale.ROOT, "journal bytes of one TagResource: fresh lab %,d, aged lab %,d%n", freshBytes,
                agedBytes);
        for (String lab : List.of("fresh", "aged")) {
            System.out.println("bytes on disk, " + lab + " lab: " + bytesByKind(work.resolve(lab)));
        }
        LabStore.erase(work.resolve("fresh"));
        LabStore.erase(work.resolve("aged"));
    }

    private static List<String> createKeys(KmsLab lab, int count) {
        Kms kms = lab.kms("eu-west-2");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String keyId = kms.createKey(CreateKeyRequest.of()).keyMetadata().keyId();
            kms.enableKeyRotation(EnableKeyRotationRequest.of(keyId, 365));
            keys.add(keyId);
        }
        return keys;
    }

    /** Microseconds of each of {@code calls} TagResource calls, over the keys in turn (same tag sizes). */
    private static double[] tag(KmsLab lab, List<String> keys, int calls) {
        Kms kms = lab.kms("eu-west-2");
        double[] micros = new double[calls];
        for (int i = 0; i < calls; i++) {
            TagResourceRequest request = TagResourceRequest.of(keys.get(i % keys.size()),
                    List.of(new Tag("round", String.format(Locale.ROOT, "%06d", i))));
            long start = System.nanoTime();
            kms.tagResource(request);
            micros[i] = (System.nanoTime() - start) / 1_000.0;
        }
        return micros;
    }

    /** The bytes one TagResource adds to the journal (tried again if a compaction ran meanwhile). */
    private static long journalBytesOfOneTag(KmsLab lab, String keyId, Path dir) {
        for (int attempt = 0; ; attempt++) {
            long before = journalBytes(dir);
            lab.kms("eu-west-2").tagResource(TagResourceRequest.of(keyId, List.of(new Tag("round", "999999"))));
            long grown = journalBytes(dir) - before;
            if (grown > 0 || attempt == 10) {
                return grown;
            }
        }
    }

    private static long journalBytes(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            long bytes = 0;
            for (Path file : files.toList()) {
                if (file.getFileName().toString().startsWith("journal-")) {
                    bytes += Files.size(file);
                }
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static Map<String, String> bytesByKind(Path dir) {
        Map<String, Long> bytes = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                String kind = name.startsWith("journal-") ? "journal segments" : name;
                bytes.merge(kind, Files.size(file), Long::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> shown = new TreeMap<>();
        bytes.forEach((kind, n) -> shown.put(kind, String.format(Locale.ROOT, "%.2f MiB", n / 1048576.0)));
        return shown;
    }
}
