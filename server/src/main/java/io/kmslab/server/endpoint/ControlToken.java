package io.kmslab.server.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The secret that a control request ({@code /_kmslab/}) must carry in the {@value #HEADER} header: made anew each time an
 * endpoint starts, shown to nobody over the network. {@code kmslab serve} writes it to a file readable only by the user
 * who started it ({@code ~/.kmslab/endpoints/<port>.token}), where the {@code kmslab} commands of the same user find
 * it; a web page can neither read that file nor add the header to a request without a CORS preflight, which the
 * endpoint never grants.
 */
public final class ControlToken {
    /** The request header that carries the token. */
    public static final String HEADER = "X-KmsLab-Control-Token";
    /** The environment variable that gives the token to {@code kmslab} commands instead of the file. */
    public static final String ENVIRONMENT_VARIABLE = "KMSLAB_CONTROL_TOKEN";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] value;

    private ControlToken(String text) {
        this.value = text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A new random token (256 bits). */
    static ControlToken random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new ControlToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The token as the header carries it. */
    public String text() {
        return new String(value, StandardCharsets.US_ASCII);
    }

    /** Whether a header value is this token (compared in constant time). */
    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(value, presented.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ControlToken[hidden]";
    }

    /** Where the kmslab commands keep what they share: {@code kmslab.home} if set, else {@code ~/.kmslab}. */
    public static Path home() {
        String configured = System.getProperty("kmslab.home");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".kmslab");
    }

    /** The file of the token of the endpoint on a port. */
    public static Path file(Path home, int port) {
        return home.resolve("endpoints").resolve(port + ".token");
    }

    /** Writes the token where the commands of the same user find it (owner-only file, atomically). */
    public static Path publish(Path home, int port, String token) {
        Path file = file(home, port);
        try {
            Files.createDirectories(file.getParent());
            boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
            Path partial = file.resolveSibling(port + ".token.tmp");
            Files.deleteIfExists(partial);
            Files.createFile(partial, posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0]);
            Files.writeString(partial, token + "\n", StandardCharsets.US_ASCII);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("cannot write the control token file " + file + ": it is being written "
                    + "by another process", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the control token file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes the token file of a port if it still holds this token (a later endpoint may have replaced it). */
    public static void withdraw(Path home, int port, String token) {
        Path file = file(home, port);
        try {
            if (read(home, port).filter(token::equals).isPresent()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            // the file stays; the next endpoint on this port replaces it
        }
    }

    /** The token published for a port, if any. */
    public static Optional<String> read(Path home, int port) throws IOException {
        try {
            String text = Files.readString(file(home, port), StandardCharsets.US_ASCII).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
