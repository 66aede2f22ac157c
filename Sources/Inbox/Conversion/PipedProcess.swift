import Glibc
import SystemPackage

/// A program run to completion with bytes on its standard input and its standard output and error
/// collected, under a time limit and an output cap.
///
/// One `poll` loop writes the input and reads both outputs as each becomes ready, so neither side
/// ever blocks on a full pipe. A program that runs too long or writes too much is killed with its
/// process group; whatever happens, the child is reaped before ``run(input:)`` returns.
package struct PipedProcess: Sendable {
    /// An absolute path: it is never looked up in `PATH`.
    package var executable: String
    /// `argv[1...]`.
    package var arguments: [String]
    /// `NAME=value` entries: the child's whole environment.
    package var environment: [String]
    package var timeLimit: Duration
    /// Most bytes of standard output accepted; more ends the run as ``Outcome/outputTooLarge``.
    package var outputLimit: Int
    /// Most bytes of standard error kept; the rest is read and dropped.
    package var errorLimit = 16 << 10

    package init(executable: String, arguments: [String], environment: [String], timeLimit: Duration, outputLimit: Int) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.timeLimit = timeLimit
        self.outputLimit = outputLimit
    }

    /// How a run ended.
    package enum Outcome: Sendable, Hashable {
        /// The program exited with `status` (0–255).
        case exited(status: CInt, output: [UInt8], error: [UInt8])
        /// A signal ended it (a crash, or a kill from outside).
        case signalled(CInt, error: [UInt8])
        /// It was still running at the time limit and was killed.
        case timedOut
        /// It wrote more than the output limit and was killed.
        case outputTooLarge
    }

    /// Starts the program, feeds it `input`, and waits for it to finish.
    ///
    /// - Throws: ``SystemCallError`` when it cannot be started (`posix_spawn` reports `ENOENT` for a
    ///   missing program) or a pipe fails; a child already started is killed and reaped first.
    package func run(input: [UInt8]) throws(SystemCallError) -> Outcome {
        try ChildSpawn.withBrokenPipesQuiet { () throws(SystemCallError) -> Outcome in
            let deadline = ContinuousClock.now + timeLimit
            var pipes = ChildPipes()
            try pipes.open()
            let pid = try ChildSpawn.spawn(executable, arguments: arguments, environment: environment, pipes: pipes)
            pipes.closeChildEnds()
            do throws(SystemCallError) {
                return try supervise(pid, input: input, pipes: &pipes, deadline: deadline)
            } catch {
                ChildSpawn.killAndReap(pid)
                throw error
            }
        }
    }

    /// Exchanges data until both outputs end, then waits for the exit, all by `deadline`.
    private func supervise(
        _ pid: pid_t, input: [UInt8], pipes: inout ChildPipes, deadline: ContinuousClock.Instant
    ) throws(SystemCallError) -> Outcome {
        var streams = Streams(input: input)
        if input.isEmpty { pipes.close(.inputWrite) }
        while pipes.isOpen(.outputRead) || pipes.isOpen(.errorRead) {
            let remaining = deadline - .now
            guard remaining > .zero else {
                ChildSpawn.killAndReap(pid)
                return .timedOut
            }
            var ends: [ChildPipes.End] = []
            var polled: [pollfd] = []
            for (end, events) in [(ChildPipes.End.inputWrite, POLLOUT), (.outputRead, POLLIN), (.errorRead, POLLIN)]
            where pipes.isOpen(end) {
                ends.append(end)
                polled.append(pollfd(fd: pipes[end], events: Int16(events), revents: 0))
            }
            let timeout = Self.milliseconds(remaining)
            try SystemCall.run("poll") { poll(&polled, nfds_t(polled.count), timeout) }
            for (end, entry) in zip(ends, polled) where entry.revents != 0 {
                if end == .inputWrite {
                    try streams.feed(&pipes)
                } else if try !streams.drain(end, pipes: &pipes, outputLimit: outputLimit, errorLimit: errorLimit) {
                    ChildSpawn.killAndReap(pid)
                    return .outputTooLarge
                }
            }
        }
        // Both outputs ended: the child is exiting. What it did not read, it will not.
        pipes.close(.inputWrite)
        return try waitForExit(pid, deadline: deadline, streams: streams)
    }

    /// Polls for the exit without blocking past `deadline` (a child may close its outputs and hang).
    private func waitForExit(_ pid: pid_t, deadline: ContinuousClock.Instant, streams: Streams) throws(SystemCallError) -> Outcome {
        var pause: Duration = .milliseconds(1)
        while true {
            var status: CInt = 0
            if try SystemCall.run("waitpid", { waitpid(pid, &status, WNOHANG) }) == pid {
                let signal = status & 0x7F
                guard signal == 0 else { return .signalled(signal, error: streams.error) }
                return .exited(status: (status >> 8) & 0xFF, output: streams.output, error: streams.error)
            }
            guard ContinuousClock.now < deadline else {
                ChildSpawn.killAndReap(pid)
                return .timedOut
            }
            var wait = timespec(tv_sec: 0, tv_nsec: Int(pause.components.attoseconds / 1_000_000_000))
            _ = try? SystemCall.run("nanosleep") { nanosleep(&wait, nil) }
            pause = min(pause * 2, .milliseconds(20))
        }
    }

    /// `duration` as a `poll` timeout: whole milliseconds, rounded up so the loop never spins.
    static func milliseconds(_ duration: Duration) -> CInt {
        let (seconds, attoseconds) = duration.components
        let total = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return CInt(clamping: total)
    }
}

/// The bytes going to and coming from one child.
private struct Streams {
    let input: [UInt8]
    var written = 0
    var output: [UInt8] = []
    var error: [UInt8] = []
    private var buffer = [UInt8](repeating: 0, count: 64 << 10)

    init(input: [UInt8]) { self.input = input }

    /// Writes what the pipe takes; closes it when all is written or the child stopped reading (`EPIPE`).
    mutating func feed(_ pipes: inout ChildPipes) throws(SystemCallError) {
        let descriptor = pipes[.inputWrite]
        let start = written
        let result = input.withUnsafeBytes { bytes in
            let chunk = UnsafeRawBufferPointer(rebasing: bytes[start..<min(start + (64 << 10), bytes.count)])
            return Result { () throws(SystemCallError) in
                try SystemCall.run("write") { Glibc.write(descriptor, chunk.baseAddress, chunk.count) }
            }
        }
        switch result {
        case .success(let count):
            written += count
        case .failure(let error) where error.errno == .resourceTemporarilyUnavailable:
            return
        case .failure(let error) where error.errno == .brokenPipe:
            // The child quit reading (or exited): its exit status says whether that was fine.
            pipes.close(.inputWrite)
            return
        case .failure(let error):
            throw error
        }
        if written == input.count { pipes.close(.inputWrite) }
    }

    /// Reads what `end` holds; closes it at end-of-file. False when standard output passed `outputLimit`.
    mutating func drain(_ end: ChildPipes.End, pipes: inout ChildPipes, outputLimit: Int, errorLimit: Int) throws(SystemCallError) -> Bool {
        let descriptor = pipes[end]
        let result = buffer.withUnsafeMutableBytes { space in
            Result { () throws(SystemCallError) in
                try SystemCall.run("read") { Glibc.read(descriptor, space.baseAddress, space.count) }
            }
        }
        let count: Int
        switch result {
        case .success(let read): count = read
        case .failure(let error) where error.errno == .resourceTemporarilyUnavailable: return true
        case .failure(let error): throw error
        }
        guard count > 0 else {
            pipes.close(end)
            return true
        }
        if end == .outputRead {
            guard output.count + count <= outputLimit else { return false }
            output += buffer[..<count]
        } else {
            error += buffer[..<min(count, max(0, errorLimit - error.count))]
        }
        return true
    }
}
