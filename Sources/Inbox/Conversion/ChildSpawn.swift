import CLinuxShims
import Glibc
import SystemPackage

/// The three pipes between nianbao and a child process: six descriptors, each closed exactly once.
///
/// All are `O_CLOEXEC` and above 2 (so the child's `dup2` onto 0–2 never clobbers another end); the
/// parent's three ends are non-blocking, the child's stay blocking.
struct ChildPipes: ~Copyable {
    /// One end of one pipe.
    enum End: Int, CaseIterable {
        case inputRead, inputWrite, outputRead, outputWrite, errorRead, errorWrite
    }

    /// Raw descriptors by ``End``; -1 once closed (or not yet open).
    private var descriptors = [CInt](repeating: -1, count: End.allCases.count)

    init() {}

    /// Creates the pipes; on failure the ones made so far are closed with `self`.
    mutating func open() throws(SystemCallError) {
        for (read, write) in [(End.inputRead, End.inputWrite), (.outputRead, .outputWrite), (.errorRead, .errorWrite)] {
            var pair: [CInt] = [-1, -1]
            try SystemCall.run("pipe2") { nianbao_pipe2(&pair, O_CLOEXEC) }
            descriptors[read.rawValue] = pair[0]
            descriptors[write.rawValue] = pair[1]
            try moveAboveStandard(read)
            try moveAboveStandard(write)
        }
        for end in [End.inputWrite, .outputRead, .errorRead] {
            let descriptor = self[end]
            try SystemCall.run("fcntl") { fcntl(descriptor, F_SETFL, O_NONBLOCK) }
        }
    }

    subscript(end: End) -> CInt { descriptors[end.rawValue] }

    func isOpen(_ end: End) -> Bool { descriptors[end.rawValue] >= 0 }

    /// Closes `end` if it is open. Linux closes even when `close` reports EINTR: never retried.
    mutating func close(_ end: End) {
        guard isOpen(end) else { return }
        _ = Glibc.close(descriptors[end.rawValue])
        descriptors[end.rawValue] = -1
    }

    /// The child has its copies: the parent keeps only its own ends, so it sees end-of-file.
    mutating func closeChildEnds() {
        for end in [End.inputRead, .outputWrite, .errorWrite] { close(end) }
    }

    /// A daemon started with 0, 1 or 2 closed gets those numbers from `pipe2`: move such an end up.
    private mutating func moveAboveStandard(_ end: End) throws(SystemCallError) {
        let descriptor = self[end]
        guard descriptor <= STDERR_FILENO else { return }
        descriptors[end.rawValue] = try SystemCall.run("fcntl") { fcntl(descriptor, F_DUPFD_CLOEXEC, STDERR_FILENO + 1) }
        _ = Glibc.close(descriptor)
    }

    deinit {
        for descriptor in descriptors where descriptor >= 0 { _ = Glibc.close(descriptor) }
    }
}

/// How a child process is started: `posix_spawn` of an absolute path with an explicit environment.
enum ChildSpawn {
    /// Starts `executable` with the pipes on its standard input, output and error and nothing else
    /// open, default signal handling and an empty signal mask (whatever this thread blocks or the
    /// daemon ignores), in a new process group led by the child, so killing the group also ends
    /// anything it started.
    static func spawn(
        _ executable: String, arguments: [String], environment: [String], pipes: borrowing ChildPipes
    ) throws(SystemCallError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        try SystemCall.returningError("posix_spawn_file_actions_init") { posix_spawn_file_actions_init(&actions) }
        defer { posix_spawn_file_actions_destroy(&actions) }
        let standard: [(ChildPipes.End, CInt)] = [(.inputRead, STDIN_FILENO), (.outputWrite, STDOUT_FILENO), (.errorWrite, STDERR_FILENO)]
        for (end, target) in standard {
            let descriptor = pipes[end]
            try SystemCall.returningError("posix_spawn_file_actions_adddup2") {
                posix_spawn_file_actions_adddup2(&actions, descriptor, target)
            }
        }
        do {
            // Also descriptors other code opened without O_CLOEXEC never reach the child.
            try SystemCall.returningError("posix_spawn_file_actions_addclosefrom_np") { nianbao_spawn_addclosefrom(&actions, 3) }
        } catch  where error.errno == .noFunction {
            // glibc before 2.34: O_CLOEXEC on every descriptor nianbao opens has to do.
        }

        var attributes = posix_spawnattr_t()
        try SystemCall.returningError("posix_spawnattr_init") { posix_spawnattr_init(&attributes) }
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        var allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        let flags = Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        try SystemCall.returningError("posix_spawnattr_setsigmask") { posix_spawnattr_setsigmask(&attributes, &noSignals) }
        try SystemCall.returningError("posix_spawnattr_setsigdefault") { posix_spawnattr_setsigdefault(&attributes, &allSignals) }
        try SystemCall.returningError("posix_spawnattr_setpgroup") { posix_spawnattr_setpgroup(&attributes, 0) }
        try SystemCall.returningError("posix_spawnattr_setflags") { posix_spawnattr_setflags(&attributes, flags) }

        var pid: pid_t = 0
        try withCStrings([executable] + arguments) { (argv) throws(SystemCallError) in
            try withCStrings(environment) { (envp) throws(SystemCallError) in
                try SystemCall.returningError("posix_spawn", path: executable) {
                    posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
                }
            }
        }
        return pid
    }

    /// Kills the child's process group and reaps the child, so no zombie is left.
    static func killAndReap(_ pid: pid_t) {
        _ = try? SystemCall.run("kill") { kill(-pid, SIGKILL) }
        var status: CInt = 0
        _ = try? SystemCall.run("waitpid") { waitpid(pid, &status, 0) }
    }

    /// Runs `body` with SIGPIPE blocked on this thread: writing to a child that has exited costs an
    /// `EPIPE`, never the process. A SIGPIPE those writes left pending is discarded before the
    /// thread's mask is restored.
    static func withBrokenPipesQuiet<Value>(
        _ body: () throws(SystemCallError) -> Value
    ) throws(SystemCallError) -> Value {
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var pending = sigset_t()
        try SystemCall.run("sigpending") { sigpending(&pending) }
        let pendingBefore = sigismember(&pending, SIGPIPE) == 1
        var previous = sigset_t()
        try SystemCall.returningError("pthread_sigmask") { pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous) }
        defer {
            var now = sigset_t()
            if !pendingBefore, (try? SystemCall.run("sigpending") { sigpending(&now) }) != nil, sigismember(&now, SIGPIPE) == 1 {
                var noWait = timespec()
                _ = try? SystemCall.run("sigtimedwait") { sigtimedwait(&pipeSignal, nil, &noWait) }
            }
            _ = pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        return try body()
    }

    /// A NULL-terminated array of C strings for `argv` or `envp`, freed after `body`.
    private static func withCStrings<Value>(
        _ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) throws(SystemCallError) -> Value
    ) throws(SystemCallError) -> Value {
        let pointers = strings.map { strdup($0) }
        defer { for pointer in pointers { free(pointer) } }
        guard !pointers.contains(nil) else { throw SystemCallError(call: "strdup", errno: .noMemory) }
        return try body(pointers + [nil])
    }
}

extension ChildSpawn {
    /// The first of `paths` this process may execute (`access(X_OK)`): how each converter finds its program.
    static func firstExecutable(of paths: [String]) -> String? {
        paths.first { path in (try? SystemCall.run("access", path: path) { access(path, X_OK) }) != nil }
    }
}
