package io.kmslab.server.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What of the current AWS KMS API KMS Lab refuses, and why: the list kept in {@code api-refused.txt} (beside this
 * class), read here and rendered into {@code docs/api-coverage.md} with what is served.
 */
final class ApiCoverage {
    /** What an item of the API is. */
    enum Kind { operation, enum_value, error }

    /** One refused item: an operation name, {@code Enum.VALUE} (or {@code Enum.*}), or an error class name. */
    record Refusal(Kind kind, String name, String reason) {
    }

    private ApiCoverage() {
    }

    /** The refused items, in the order of the file. */
    static List<Refusal> refusals() {
        try (InputStream in = ApiCoverage.class.getResourceAsStream("api-refused.txt")) {
            List<Refusal> refusals = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\|", 3);
                if (parts.length != 3 || parts[2].isBlank()) {
                    throw new IllegalStateException("not kind | name | reason: " + line);
                }
                String kind = parts[0].trim();
                refusals.add(new Refusal(kind.equals("enum") ? Kind.enum_value : Kind.valueOf(kind), parts[1].trim(),
                        parts[2].trim()));
            }
            return List.copyOf(refusals);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The simple names of the top-level classes of a package, read from where {@code anchor} was loaded. */
    static List<String> classesOfPackageOf(Class<?> anchor) {
        String packagePath = anchor.getPackageName().replace('.', '/') + "/";
        try {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> names = new ArrayList<>();
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.list(location.resolve(packagePath))) {
                    files.map(file -> file.getFileName().toString()).forEach(names::add);
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    jar.stream().map(entry -> entry.getName())
                            .filter(name -> name.startsWith(packagePath) && name.indexOf('/', packagePath.length()) < 0)
                            .map(name -> name.substring(packagePath.length())).forEach(names::add);
                }
            }
            return names.stream().filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - ".class".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The docs page: the operations served, the enum values and errors, each served or refused with its reason.
     *
     * @param operations every operation of the model, served or not
     * @param enumValues every enum of the model with its values
     * @param errors every error of the model
     */
    static String render(List<String> operations, Map<String, List<String>> enumValues, List<String> errors,
            String sdkVersion) {
        Map<String, String> refused = new TreeMap<>();
        for (Refusal refusal : refusals()) {
            refused.put(refusal.kind() + ":" + refusal.name(), refusal.reason());
        }
        StringBuilder page = new StringBuilder();
        page.append("# API coverage: what of AWS KMS the lab serves, and what it refuses\n\n")
                .append("<!-- Rendered by ApiCoverageTest (server module) from ")
                .append("server/src/test/resources/io/kmslab/server/endpoint/api-refused.txt: edit that list, then ")
                .append("run the test with -Dkmslab.renderDocs=true. -->\n\n")
                .append("The model is the one of the AWS SDK for Java v2 the lab is tested with (`software.amazon.")
                .append("awssdk:kms` ").append(sdkVersion).append("): every `XxxRequest` is an operation, every enum ")
                .append("of the model package an enum, every `KmsException` subclass an error. `ApiCoverageTest` ")
                .append("fails when any of them is neither served nor listed here as refused with a reason, and ")
                .append("calls every served operation through the endpoint.\n\n")
                .append("An item refused is answered as AWS answers what it does not offer: an operation not served ")
                .append("is `UnknownOperationException`; a key spec, usage or origin the lab knows but does not ")
                .append("simulate is `UnsupportedOperationException` with a message that says so; a value the lab ")
                .append("does not know at all is `ValidationException` (\"Member must satisfy enum value set\").\n\n")
                .append("## Deprecated names\n\n")
                .append("CreateKey takes a key's spec under its deprecated name `CustomerMasterKeySpec` as it takes ")
                .append("`KeySpec` (AWS, API_CreateKey: \"The KeySpec and CustomerMasterKeySpec parameters work the ")
                .append("same way. Only the names differ.\"); its values are those of the deprecated ")
                .append("`CustomerMasterKeySpec` enum (no key spec newer than it). Both names with the same value are ")
                .append("one request; with different values the lab answers `ValidationException` (\"KeySpec X and ")
                .append("its deprecated name CustomerMasterKeySpec Y were both given, with different values.\"): ")
                .append("AWS does not document that case, so the message is the lab's own. DescribeKey and ")
                .append("GetPublicKey answer the spec under both names.\n\n");
        page.append("## Operations\n\n| Operation | Served |\n|---|---|\n");
        for (String operation : operations) {
            page.append("| ").append(operation).append(" | ")
                    .append(cell(refused.get(Kind.operation + ":" + operation))).append(" |\n");
        }
        page.append("\n## Enum values\n\n| Enum | Value | Served |\n|---|---|---|\n");
        enumValues.forEach((name, values) -> {
            String all = refused.get(Kind.enum_value + ":" + name + ".*");
            for (String value : values) {
                String reason = all != null ? all : refused.get(Kind.enum_value + ":" + name + "." + value);
                page.append("| ").append(name).append(" | ").append(value).append(" | ").append(cell(reason))
                        .append(" |\n");
            }
        });
        page.append("\n## Errors\n\n| Error | Raised by the lab |\n|---|---|\n");
        for (String error : errors) {
            page.append("| ").append(error).append(" | ").append(cell(refused.get(Kind.error + ":" + error)))
                    .append(" |\n");
        }
        return page.toString();
    }

    private static String cell(String reason) {
        return reason == null ? "yes" : "no: " + reason;
    }

    static List<String> sorted(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        Collections.sort(copy);
        return copy;
    }
}
