import Glibc
import Inbox
import Logging
import SQLiteNIO

/// The register the daemon writes to and asks: opened on first use and opened again after a failure,
/// so a server that is down at start or goes away later never stops intake (the recorder keeps what it
/// could not record and tries again). Its calls are the store's, through whichever connection is open.
package actor ReconnectingRegister: RegisterStore {
    package nonisolated let location: RegisterLocation
    /// `[Register] PasswordFile=` for a PostgreSQL register (empty: the `register-password` credential).
    private let passwordFile: String
    private let logger: Logger
    private var store: (any RegisterStore)?
    /// The open in flight: callers arriving meanwhile wait for it rather than opening a second connection.
    private var opening: Task<any RegisterStore, any Error>?
    /// Counts connections, so that of several calls failing on one connection only the first closes it.
    private var generation = 0
    /// Set by ``close()``: nothing is opened again (a look-up racing the shutdown gets an error instead).
    private var closed = false

    /// The thread an embedded register's calls run on when it has one of its own (``init(location:passwordFile:logger:ownThread:)``).
    private let thread: NIOThreadPool?

    /// - Parameter ownThread: run an embedded register's SQLite calls on a thread of its own, not on the shared
    ///   pool, where a look-up would queue behind the recorder's batch or the overview's read of a whole year.
    package init(location: RegisterLocation, passwordFile: String = "", logger: Logger, ownThread: Bool = false) {
        self.location = location
        self.passwordFile = passwordFile
        self.logger = logger
        if ownThread, case .sqlite = location {
            let thread = NIOThreadPool(numberOfThreads: 1)
            thread.start()
            self.thread = thread
        } else {
            thread = nil
        }
    }

    /// Opens the store at `location`: the embedded file (its folder made private if missing) or a server.
    package static func open(
        _ location: RegisterLocation, passwordFile: String = "", logger: Logger, thread: NIOThreadPool? = nil
    ) async throws -> any RegisterStore {
        switch location {
        case .sqlite(let path):
            try makeParentFolder(of: path)
            do {
                return try await SQLiteRegisterStore.open(path: path, threadPool: thread ?? .singleton, logger: logger)
            } catch {
                throw RegisterUnavailable(location: path, reason: "\(error)")
            }
        case .postgresql(let url):
            return try await PostgresRegisterStore.connect(url: url, passwordFile: passwordFile, logger: logger)
        }
    }

    /// The folder the embedded register lives in, made `0700` when it is missing (its parent must exist).
    static func makeParentFolder(of path: String) throws(SystemCallError) {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        let folder = String(path[..<slash])
        let made = Result { () throws(SystemCallError) in try SystemCall.run("mkdir", path: folder) { mkdir(folder, 0o700) } }
        if case .failure(let error) = made, error.errno != .fileExists { throw error }
    }

    private func current() async throws -> any RegisterStore {
        if closed { throw RegisterUnavailable(location: location.shown, reason: "closed (nianbao is stopping)") }
        if let store { return store }
        if let opening { return try await opening.value }
        let location = location
        let logger = logger
        let passwordFile = passwordFile
        let thread = thread
        let task = Task { try await Self.open(location, passwordFile: passwordFile, logger: logger, thread: thread) }
        opening = task
        defer { opening = nil }
        let opened = try await task.value
        if closed {
            // Closed while this open was in flight: a connection nobody closes must not be left behind.
            await Self.closeUncancelled(opened)
            throw RegisterUnavailable(location: location.shown, reason: "closed (nianbao is stopping)")
        }
        store = opened
        return opened
    }

    /// Runs `body` on the open store; a failure closes it, so the next call connects afresh.
    private func using<T: Sendable>(_ body: @Sendable (any RegisterStore) async throws -> T) async throws -> T {
        let store = try await current()
        let connection = generation
        do {
            return try await body(store)
        } catch {
            // A cancelled caller (shutdown) says nothing about the connection: keep it.
            if !(error is CancellationError), !Task.isCancelled, connection == generation, self.store != nil {
                self.store = nil
                generation += 1
                await Self.closeUncancelled(store)
            }
            throw error
        }
    }

    package func record(_ batch: [RegisterRecord]) async throws -> [RegisterRecord] {
        try await using { try await $0.record(batch) }
    }

    package func submissions(agency: String, year: Int?) async throws -> [RegisterRecord] {
        try await using { try await $0.submissions(agency: agency, year: year) }
    }

    package func reports(year: Int) async throws -> [RegisterRecord] {
        try await using { try await $0.reports(year: year) }
    }

    package func summaries(year: Int) async throws -> [RegisterRecord] {
        try await using { try await $0.summaries(year: year) }
    }

    package func latestAndCurrent(agency: String, year: Int, cells: Bool) async throws -> [RegisterRecord] {
        try await using { try await $0.latestAndCurrent(agency: agency, year: year, cells: cells) }
    }

    package func recorded(_ identities: [RecordIdentity]) async throws -> Set<RecordIdentity> {
        try await using { try await $0.recorded(identities) }
    }

    package func latestFiledAt(office: String) async throws -> Int64? {
        try await using { try await $0.latestFiledAt(office: office) }
    }

    package func close() async throws {
        closed = true
        if let opening { _ = try? await opening.value }  // Closed below, or by its opener seeing `closed`.
        let open = store
        store = nil
        if let open { await Self.closeUncancelled(open) }
        try? await thread?.shutdownGracefully()
    }

    /// Closes `store` in a task of its own: a close skipped because the caller was cancelled would leave
    /// a connection open (and sqlite-nio traps when an open connection is freed).
    static func closeUncancelled(_ store: any RegisterStore) async {
        await Task { try? await store.close() }.value
    }
}
