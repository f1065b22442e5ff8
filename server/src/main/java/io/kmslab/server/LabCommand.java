package io.kmslab.server;

import io.kmslab.labs.ExamTask;
import io.kmslab.labs.LabAnswer;
import io.kmslab.labs.Labs;
import io.kmslab.labs.StudyLab;
import io.kmslab.labs.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kmslab lab}: certification study labs in the manner of exercise runners (rustlings, Exercism). Each lab
 * gets a folder in the learner's workspace with its brief and starting files; {@code check} grades the files there
 * by what they do in a fresh simulated KMS, with a verdict per requirement; progress (started, hints seen, passed)
 * is kept in the workspace's {@value LabProgress#FILE_NAME}.
 *
 * <p>Exit codes: 0 done (for {@code check} and {@code watch}: every lab checked passed), 1 not passed or refused
 * (a lab not started, a folder that cannot be read), 2 called wrongly (no such lab, a number that is not one).
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        header = "Certification study labs, graded by what your answer does in a simulated KMS.",
        description = {"Each lab has a brief, starting files, graded hints and a reference answer; your answer (a "
                + "policy, predictions, numbers, a Java class or an AWS CLI script) is graded by running it against "
                + "a fresh lab, with a verdict per requirement.",
            "  kmslab lab list        the labs, their exam tasks and your progress",
            "  kmslab lab start 1     makes kmslab-labs/01-.../ with README.md and the starting files",
            "  kmslab lab check 1     grades lab 1 (exit code 0 when it passes)",
            "The workspace is --dir DIR; without it, the folder holding " + LabProgress.FILE_NAME + " among the "
                    + "current one and its parents, else ./kmslab-labs."},
        subcommands = {LabCommand.ListLabs.class, LabCommand.Start.class, LabCommand.Check.class,
            LabCommand.Hint.class, LabCommand.Reset.class, LabCommand.Solution.class, LabCommand.Watch.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (check, watch: every lab checked passed)",
            "1:not passed, or refused (a lab not started, a folder that cannot be read)",
            "2:usage error (no such lab)"})
final class LabCommand implements Callable<Integer> {
    static final String DEFAULT_WORKSPACE = "kmslab-labs";
    private static final DateTimeFormatter BACKUP_NAME = DateTimeFormatter.ofPattern("'backup-'yyyy-MM-dd'T'HH-mm-ss");
    private static final String GREEN = "\u001B[32m";
    private static final String RED = "\u001B[31m";
    private static final String RESET = "\u001B[0m";

    @Spec
    private CommandSpec spec;

    private final Terminal terminal;
    private final Clock clock;
    private final Path workingDirectory;

    /**
     * @param terminal whether verdicts are shown in colors
     * @param clock the wall clock progress is dated by
     * @param workingDirectory where the learner is: the default workspace is found from there, and a lab folder
     *     there is the current lab
     */
    LabCommand(Terminal terminal, Clock clock, Path workingDirectory) {
        this.terminal = terminal;
        this.clock = clock;
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: try 'kmslab lab list'");
    }

    /** A request that cannot be done, said in one line, with the exit code it ends with. */
    static final class Refusal extends RuntimeException {
        private final int exitCode;

        Refusal(int exitCode, String message) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }
    }

    /** The {@code --dir} option of every subcommand. */
    static final class WorkspaceOption {
        @Option(names = "--dir", paramLabel = "DIR", description = "the workspace, where each lab has its folder and "
                + "your progress is kept (default: the folder holding " + LabProgress.FILE_NAME + " among the "
                + "current one and its parents, else ./" + DEFAULT_WORKSPACE + ")")
        Path dir;
    }

    // ---- shared by the subcommands

    /** Runs a subcommand: a refusal becomes one line on standard error and its exit code. */
    private int run(CommandSpec sub, Callable<Integer> body) {
        try {
            return body.call();
        } catch (Refusal r) {
            PrintWriter err = sub.commandLine().getErr();
            err.println(sub.qualifiedName() + ": " + r.getMessage());
            err.flush();
            return r.exitCode;
        } catch (UncheckedIOException e) {
            PrintWriter err = sub.commandLine().getErr();
            err.println(sub.qualifiedName() + ": " + e.getMessage() + ": " + reason(e.getCause()));
            err.flush();
            return 1;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What went wrong with a file, in words, without the exception's class name. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            String why = f.getReason() != null ? f.getReason()
                    : f instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
                    : f instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : f instanceof java.nio.file.FileAlreadyExistsException ? "already exists"
                    : f instanceof java.nio.file.NotDirectoryException ? "not a folder"
                    : f instanceof java.nio.file.DirectoryNotEmptyException ? "folder not empty" : "cannot be used";
            return f.getFile() == null ? why : f.getFile() + ": " + why;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private Path workspace(WorkspaceOption option) {
        if (option.dir != null) {
            return workingDirectory.resolve(option.dir).normalize();
        }
        for (Path p = workingDirectory; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(LabProgress.FILE_NAME))) {
                return p;
            }
        }
        return workingDirectory.resolve(DEFAULT_WORKSPACE);
    }

    /** The lab of a number given on the command line. */
    private static StudyLab lab(String number) {
        List<StudyLab> all = Labs.all();
        int n;
        try {
            n = Integer.parseInt(number.strip());
        } catch (NumberFormatException e) {
            throw new Refusal(2, "'" + number + "' is not a lab number: the labs are " + numbers(all));
        }
        return all.stream().filter(l -> l.number() == n).findFirst()
                .orElseThrow(() -> new Refusal(2, "there is no lab " + n + ": the labs are " + numbers(all)));
    }

    private static String numbers(List<StudyLab> labs) {
        List<Integer> n = labs.stream().map(StudyLab::number).toList();
        boolean contiguous = !n.isEmpty() && n.get(n.size() - 1) - n.get(0) == n.size() - 1;
        return n.isEmpty() ? "none" : contiguous && n.size() > 2 ? n.get(0) + " to " + n.get(n.size() - 1)
                : n.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static Path folder(Path workspace, StudyLab lab) {
        return workspace.resolve(lab.folderName());
    }

    /** The lab folder a learner must have started before checking, resetting or seeing the solution. */
    private Path startedFolder(Path workspace, StudyLab lab) {
        Path folder = folder(workspace, lab);
        if (!Files.isDirectory(folder)) {
            throw new Refusal(1, "lab " + lab.number() + " is not started in " + display(workspace)
                    + ": 'kmslab lab start " + lab.number() + "' makes its folder");
        }
        return folder;
    }

    /** The lab whose folder the learner is in, if any. */
    private Optional<StudyLab> currentLab(Path workspace) {
        return Labs.all().stream().filter(l -> workingDirectory.startsWith(folder(workspace, l))).findFirst();
    }

    /** The labs with a folder in the workspace, in number order. */
    private static List<StudyLab> startedLabs(Path workspace) {
        return Labs.all().stream().filter(l -> Files.isDirectory(folder(workspace, l))).toList();
    }

    private String display(Path path) {
        if (path.startsWith(workingDirectory) && !path.equals(workingDirectory)) {
            return workingDirectory.relativize(path).toString();
        }
        return path.toString();
    }

    private String date(Instant instant) {
        return instant.atZone(clock.getZone()).toLocalDate().toString();
    }

    private String render(Verdict verdict) {
        String text = verdict.render();
        if (!terminal.colors()) {
            return text;
        }
        return text.replaceAll("(?m)^  PASS  ", "  " + GREEN + "PASS" + RESET + "  ")
                .replaceAll("(?m)^  FAIL  ", "  " + RED + "FAIL" + RESET + "  ")
                .replaceAll("(?m)^PASSED:", GREEN + "PASSED" + RESET + ":")
                .replaceAll("(?m)^NOT YET:", RED + "NOT YET" + RESET + ":");
    }

    /** Grades a lab's folder, prints the verdict and records it in the progress. */
    private Verdict check(Path workspace, StudyLab lab, PrintWriter out) {
        Path folder = startedFolder(workspace, lab);
        LabAnswer answer;
        try {
            answer = LabAnswer.readFrom(folder);
        } catch (UncheckedIOException e) {
            throw new Refusal(1, "cannot read the lab folder " + display(folder) + ": " + reason(e.getCause()));
        }
        Verdict verdict = lab.check(answer);
        out.print(render(verdict));
        long met = verdict.requirements().stream().filter(r -> r.met()).count();
        Instant now = clock.instant();
        LabProgress.read(workspace).with(lab.number(), l -> l.checkedAt(now, verdict.passed(), met + " of "
                + verdict.requirements().size() + " requirements met")).write(workspace);
        if (verdict.passed()) {
            out.println("Well done. 'kmslab lab solution " + lab.number() + "' writes the reference answer to "
                    + "compare with yours.");
        } else {
            out.println("Edit the files in " + display(folder) + " and check again; 'kmslab lab hint "
                    + lab.number() + "' gives a hint.");
        }
        out.flush();
        return verdict;
    }

    /** Writes a lab's starting files and brief into its folder, keeping any file already there. */
    private static List<String> writeStartingFiles(Path folder, StudyLab lab, List<String> kept) throws IOException {
        Files.createDirectories(folder);
        List<String> written = new ArrayList<>();
        Map<String, String> files = new java.util.LinkedHashMap<>();
        files.put("README.md", lab.brief());
        files.putAll(new java.util.TreeMap<>(lab.startingFiles()));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = folder.resolve(file.getKey()).normalize();
            if (!target.getParent().equals(folder)) {
                throw new IllegalStateException("lab " + lab.number() + " has a starting file outside its folder: "
                        + file.getKey());
            }
            if (Files.exists(target)) {
                kept.add(file.getKey());
                continue;
            }
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            if (file.getKey().endsWith(".sh")) {
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            written.add(file.getKey());
        }
        return written;
    }

    // ---- the subcommands

    /** {@code kmslab lab list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the labs: number, title, what you hand in, the exam task statements each practises, "
                    + "and your progress (not started, started, passed, with the date).")
    static final class ListLabs implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @ParentCommand
        private LabCommand parent;

        @Mixin
        WorkspaceOption workspace;

        @Override
        public Integer call() {
            return parent.run(spec, () -> {
                Path ws = parent.workspace(workspace);
                LabProgress progress = LabProgress.read(ws);
                PrintWriter out = spec.commandLine().getOut();
                List<StudyLab> labs = Labs.all();
                int titleWidth = labs.stream().mapToInt(l -> l.title().length()).max().orElse(10);
                int kindWidth = labs.stream().mapToInt(l -> l.answerKind().length()).max().orElse(10);
                out.println("Study labs (workspace " + parent.display(ws) + "):");
                out.printf("%3s  %-" + titleWidth + "s  %-" + kindWidth + "s  %s%n", "#", "Lab", "Answer",
                        "Progress");
                for (StudyLab lab : labs) {
                    out.printf("%3d  %-" + titleWidth + "s  %-" + kindWidth + "s  %s%n", lab.number(), lab.title(),
                            lab.answerKind(), parent.status(ws, lab, progress.lab(lab.number())));
                    out.println("     exam tasks: " + lab.objectives().stream().map(ExamTask::toString)
                            .collect(Collectors.joining(", ")));
                }
                long passed = labs.stream().filter(l -> progress.lab(l.number()).passed() != null).count();
                out.println(passed + " of " + labs.size() + " labs passed. 'kmslab lab start N' begins lab N.");
                out.flush();
                return 0;
            });
        }
    }

    private String status(Path workspace, StudyLab lab, LabProgress.Lab progress) {
        if (progress.passed() != null) {
            return "passed " + date(progress.passed());
        }
        if (progress.started() != null || Files.isDirectory(folder(workspace, lab))) {
            String since = progress.started() == null ? "started" : "started " + date(progress.started());
            return progress.lastResult() == null ? since : since + ", last check: " + progress.lastResult();
        }
        return "not started";
    }

    /** {@code kmslab lab start N}. */
    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Makes the lab's folder in the workspace (<workspace>/<NN-name>/) with README.md (the "
                    + "brief) and the starting files. A file already there is kept as it is: start never "
                    + "overwrites your work.")
    static final class Start implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @ParentCommand
        private LabCommand parent;

        @Mixin
        WorkspaceOption workspace;

        @Parameters(paramLabel = "N", description = "the lab's number")
        String number;

        @Override
        public Integer call() {
            return parent.run(spec, () -> {
                StudyLab lab = lab(number);
                Path ws = parent.workspace(workspace);
                LabProgress progress = LabProgress.read(ws);
                Path folder = folder(ws, lab);
                List<String> kept = new ArrayList<>();
                List<String> written;
                try {
                    written = writeStartingFiles(folder, lab, kept);
                } catch (IOException e) {
                    throw new Refusal(1, "cannot make the lab folder " + parent.display(folder) + ": " + reason(e));
                }
                progress.with(lab.number(), l -> l.startedAt(parent.clock.instant())).write(ws);
                PrintWriter out = spec.commandLine().getOut();
                out.println("Lab " + lab.number() + ": " + lab.title());
                out.println("Folder: " + parent.display(folder));
                if (!written.isEmpty()) {
                    out.println("  written: " + String.join(", ", written));
                }
                if (!kept.isEmpty()) {
                    out.println("  kept as they were: " + String.join(", ", kept));
                }
                out.println("Read README.md, write your answer (" + lab.answerKind() + "), then 'kmslab lab check "
                        + lab.number() + "' (or 'kmslab lab watch " + lab.number() + "' to check at every save).");
                out.flush();
                return 0;
            });
        }
    }

    /** {@code kmslab lab check [N]}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Grades a lab's folder by what its answer does in a fresh simulated KMS, with a verdict per "
                    + "requirement, and records the result in your progress. Exit code 0 when every lab checked "
                    + "passes, 1 when one does not.",
                "Without N: the lab whose folder you are in, else every lab started in the workspace."})
    static final class Check implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @ParentCommand
        private LabCommand parent;

        @Mixin
        WorkspaceOption workspace;

        @Parameters(paramLabel = "N", arity = "0..1", description = "the lab's number")
        String number;

        @Override
        public Integer call() {
            return parent.run(spec, () -> {
                Path ws = parent.workspace(workspace);
                List<StudyLab> labs;
                if (number != null) {
                    labs = List.of(lab(number));
                } else {
                    labs = parent.currentLab(ws).map(List::of).orElseGet(() -> startedLabs(ws));
                    if (labs.isEmpty()) {
                        throw new Refusal(1, "no lab is started in " + parent.display(ws)
                                + ": 'kmslab lab start 1' begins the first");
                    }
                }
                PrintWriter out = spec.commandLine().getOut();
                int passed = 0;
                for (StudyLab lab : labs) {
                    if (labs.size() > 1 && lab != labs.get(0)) {
                        out.println();
                    }
                    passed += parent.check(ws, lab, out).passed() ? 1 : 0;
                }
                if (labs.size() > 1) {
                    out.println();
                    out.println(passed + " of " + labs.size() + " labs checked passed");
                }
                out.flush();
                return passed == labs.size() ? 0 : 1;
            });
        }
    }

    /** {@code kmslab lab hint N}. */
    @Command(name = "hint", mixinStandardHelpOptions = true,
            description = "Shows the lab's next hint: the first time hint 1 (a nudge), then hint 2, and so on to the "
                    + "last (almost the answer). Your progress remembers how many you have seen.")
    static final class Hint implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @ParentCommand
        private LabCommand parent;

        @Mixin
        WorkspaceOption workspace;

        @Parameters(paramLabel = "N", description = "the lab's number")
        String number;

        @Override
        public Integer call() {
            return parent.run(spec, () -> {
                StudyLab lab = lab(number);
                Path ws = parent.workspace(workspace);
                LabProgress progress = LabProgress.read(ws);
                List<String> hints = lab.hints();
                int seen = progress.lab(lab.number()).hintsShown();
                int next = Math.min(seen + 1, hints.size());
                PrintWriter out = spec.commandLine().getOut();
                out.println("Lab " + lab.number() + ", hint " + next + " of " + hints.size() + ":");
                out.println("  " + hints.get(next - 1));
                if (next == hints.size()) {
                    out.println("That is the last hint; 'kmslab lab solution " + lab.number() + "' writes the "
                            + "reference answer.");
                }
                progress.with(lab.number(), l -> l.hintsShown(next)).write(ws);
                out.flush();
                return 0;
            });
        }
    }

    /** {@code kmslab lab reset N}. */
    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Puts the lab's starting files back. Your files are not deleted: they are moved first into "
                    + "a dated backup folder inside the lab folder (backup-<date>T<time>/).")
    static final class Reset implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @ParentCommand
        private LabCommand parent;

        @Mixin
        WorkspaceOption workspace;

        @Parameters(paramLabel = "N", description = "the lab's number")
        String number;

        @Override
        public Integer call() {
            return parent.run(spec, () -> {
                StudyLab lab = lab(number);
                Path ws = parent.workspace(workspace);
                Path folder = parent.startedFolder(ws, lab);
                PrintWriter out = spec.commandLine().getOut();
                List<Path> yours;
                try (Stream<Path> list = Files.list(folder)) {
                    yours = list.filter(p -> !p.getFileName().toString().startsWith("backup-")
                            && !p.getFileName().toString().equals(SOLUTION)).sorted().toList();
                } catch (IOException e) {
                    throw new Refusal(1, "cannot read the lab folder " + parent.display(folder) + ": " + reason(e));
                }
                try {
                    if (!yours.isEmpty()) {
                        Path backup = parent.backupFolder(folder);
                        Files.createDirectory(backup);
                        for (Path p : yours) {
                            Files.move(p, backup.resolve(p.getFileName()));
                        }
                        out.println("Your files of lab " + lab.number() + " are kept in " + parent.display(backup)
                                + ": " + yours.stream().map(p -> p.getFileName().toString())
                                        .collect(Collectors.joining(", ")));
                    }
                    writeStartingFiles(folder, lab, new ArrayList<>());
                } catch (IOException e) {
                    throw new Refusal(1, "cannot reset " + parent.display(folder) + ": " + reason(e));
                }
                out.println("Lab " + lab.number() + " is back to its starting files in " + parent.display(folder));
                out.flush();
                return 0;
            });
        }
    }

    static final String SOLUTION = "solution";

    private Path backupFolder(Path folder) {
        String name = LocalDateTime.ofInstant(clock.instant(), clock.getZone()).format(BACKUP_NAME);
        Path backup = folder.resolve(name);
        for (int i = 2; Files.exists(backup); i++) {
            backup = folder.resolve(name + "-" + i);
        }
        return backup;
    }

    /** {@code kmslab lab solution N}. */
    @Command(name = "solution", mixinStandardHelpOptions = true,
            description = "Writes the lab's reference answer into solution/ inside the lab folder, to compare with "
                    + "yours. Before you have passed the lab it gives the answer away: it asks for --yes then.")
    static final class Solution implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @ParentCommand
        private LabCommand parent;

        @Mixin
        WorkspaceOption workspace;

        @Parameters(paramLabel = "N", description = "the lab's number")
        String number;

        @Option(names = "--yes", description = "write it even though the lab is not passed yet")
        boolean yes;

        @Override
        public Integer call() {
            return parent.run(spec, () -> {
                StudyLab lab = lab(number);
                Path ws = parent.workspace(workspace);
                Path folder = parent.startedFolder(ws, lab);
                LabProgress progress = LabProgress.read(ws);
                boolean passed = progress.lab(lab.number()).passed() != null;
                PrintWriter out = spec.commandLine().getOut();
                if (!passed && !yes) {
                    throw new Refusal(1, "lab " + lab.number() + " is not passed yet, and its reference answer "
                            + "gives it away: 'kmslab lab solution " + lab.number() + " --yes' writes it anyway");
                }
                if (!passed) {
                    out.println("Lab " + lab.number() + " is not passed yet: here is the reference answer anyway.");
                }
                Path target = folder.resolve(SOLUTION);
                List<String> written = new ArrayList<>();
                List<String> kept = new ArrayList<>();
                try {
                    Files.createDirectories(target);
                    for (Map.Entry<String, String> file : lab.referenceAnswer().entrySet()) {
                        Path p = target.resolve(file.getKey());
                        if (Files.exists(p)) {
                            if (!Files.readString(p, StandardCharsets.UTF_8).equals(file.getValue())) {
                                kept.add(file.getKey());
                            }
                            continue;
                        }
                        Files.writeString(p, file.getValue(), StandardCharsets.UTF_8);
                        written.add(file.getKey());
                    }
                } catch (IOException e) {
                    throw new Refusal(1, "cannot write " + parent.display(target) + ": " + reason(e));
                }
                out.println("The reference answer of lab " + lab.number() + " is in " + parent.display(target) + ": "
                        + String.join(", ", lab.referenceAnswer().keySet()));
                if (!kept.isEmpty()) {
                    out.println("  kept as you edited them (not overwritten): " + String.join(", ", kept));
                }
                out.println("'kmslab lab check " + lab.number() + "' grades your own files, not those in "
                        + SOLUTION + "/.");
                progress.with(lab.number(), l -> l.solutionShownAt(parent.clock.instant())).write(ws);
                out.flush();
                return 0;
            });
        }
    }

    /** {@code kmslab lab watch [N]}. */
    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = {"Checks a lab, then checks it again each time a file in its folder changes, until you "
                    + "press Ctrl-C.",
                "Without N: the lab whose folder you are in, else the lab you started last."})
    static final class Watch implements Callable<Integer> {
        /** Editors write a file in several steps: changes are gathered this long before one check. */
        private static final long SETTLE_MILLIS = 300;

        @Spec
        private CommandSpec spec;

        @ParentCommand
        private LabCommand parent;

        @Mixin
        WorkspaceOption workspace;

        @Parameters(paramLabel = "N", arity = "0..1", description = "the lab's number")
        String number;

        @Override
        public Integer call() {
            return parent.run(spec, () -> {
                Path ws = parent.workspace(workspace);
                StudyLab lab = number != null ? lab(number) : parent.currentLab(ws).orElseGet(() -> lastStarted(ws));
                Path folder = parent.startedFolder(ws, lab);
                PrintWriter out = spec.commandLine().getOut();
                try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
                    folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                    out.println("Watching " + parent.display(folder) + " (Ctrl-C stops): each change checks lab "
                            + lab.number() + " again.");
                    out.flush();
                    checkUnlessInterrupted(ws, lab, out);
                    while (!Thread.currentThread().isInterrupted()) {
                        TreeSet<String> changed = new TreeSet<>();
                        WatchKey key = watcher.take();
                        boolean valid = collect(key, changed);
                        Thread.sleep(SETTLE_MILLIS);
                        for (WatchKey more = watcher.poll(); more != null; more = watcher.poll()) {
                            valid &= collect(more, changed);
                        }
                        if (!valid) {
                            throw new Refusal(1, "the folder " + parent.display(folder) + " is gone: stopped "
                                    + "watching");
                        }
                        if (changed.isEmpty()) {
                            continue;
                        }
                        out.println();
                        out.println("--- " + String.join(", ", changed) + " changed: checking lab " + lab.number()
                                + " again");
                        out.flush();
                        checkUnlessInterrupted(ws, lab, out);
                    }
                } catch (InterruptedException | ClosedWatchServiceException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException e) {
                    throw new Refusal(1, "cannot watch " + parent.display(folder) + ": " + reason(e));
                }
                out.println("Stopped watching lab " + lab.number() + ".");
                out.flush();
                return 0;
            });
        }

        /** A check; stopping the watch in the middle of one (a script lab's run) ends the watch quietly. */
        private void checkUnlessInterrupted(Path ws, StudyLab lab, PrintWriter out) throws InterruptedException {
            try {
                parent.check(ws, lab, out);
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stopped during a check");
                }
                throw e;
            }
        }

        private StudyLab lastStarted(Path ws) {
            LabProgress progress = LabProgress.read(ws);
            return startedLabs(ws).stream()
                    .max(Comparator.comparing((StudyLab l) -> Optional.ofNullable(progress.lab(l.number()).started())
                            .orElse(Instant.EPOCH)).thenComparingInt(StudyLab::number))
                    .orElseThrow(() -> new Refusal(1, "no lab is started in " + parent.display(ws)
                            + ": 'kmslab lab start 1' begins the first"));
        }

        /** The names of the answer's files a key reports changed; whether the folder is still watched. */
        private static boolean collect(WatchKey key, TreeSet<String> changed) {
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.context() instanceof Path p) {
                    String name = p.getFileName().toString();
                    // what LabAnswer leaves out (hidden files), and the folders reset and solution write
                    if (!name.startsWith(".") && !name.startsWith("backup-") && !name.equals(SOLUTION)
                            && !name.endsWith("~")) {
                        changed.add(name);
                    }
                } else {
                    changed.add("(some files)");
                }
            }
            return key.reset();
        }
    }
}
