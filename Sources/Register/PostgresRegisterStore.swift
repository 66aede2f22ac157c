import Inbox
import Logging
import PostgresNIO
import ReportValidation

/// The shared register on a PostgreSQL server, written by several nianbao instances (one per office) at once.
///
/// One connection, its calls taken one at a time; a connection the server dropped (down, restarted) is
/// opened again by the next call, so a caller that kept what it could not record simply tries again.
/// Versions per agency and year are numbered under a transaction-scoped advisory lock on that agency-year
/// (see ``record(_:)``); the unique index on them makes a duplicate impossible rather than unlikely.
package actor PostgresRegisterStore: RegisterStore {
    private let configuration: PostgresConnection.Configuration
    /// The server as the URL names it (no password: a URL never holds one), for errors and logs.
    package nonisolated let server: String
    private let logger: Logger
    private var connection: PostgresConnection?
    private var connections = 0
    /// Whether a call holds the connection, and the calls waiting for it, first come first served.
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Advisory-lock classes (the first key of `pg_advisory_xact_lock(int, int)`), so nianbao's locks do not
    /// meet another program's on the same database: "nb" + 1 for migrations, "nb" + 2 for agency-years.
    static let migrationLockClass: Int32 = 0x6E62_0001
    static let agencyYearLockClass: Int32 = 0x6E62_0002

    /// Connects to the register at `url` (`postgresql://USER@HOST:PORT/DB?sslmode=…`) and applies the
    /// migrations it lacks; throws ``PostgresRegisterError`` saying why when the URL is bad or the server
    /// cannot be reached (the caller retries later: intake never waits on the register).
    package static func connect(url: String, password: String?, logger: Logger = Logger(label: "nianbao.register"))
        async throws -> PostgresRegisterStore
    {
        let parsed: PostgresURL
        switch PostgresURL.parse(url) {
        case .success(let value): parsed = value
        case .failure(let error):
            throw PostgresRegisterError(server: error.holdsPassword ? "postgresql://…" : url, reason: error.reason)
        }
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try PostgresConnectionSettings.configuration(parsed, password: password)
        } catch {
            throw PostgresRegisterError(server: parsed.description, reason: "TLS cannot be set up: \(error)")
        }
        let store = PostgresRegisterStore(configuration: configuration, server: parsed.description, logger: logger)
        do {
            try await store.migrate()
        } catch {
            try? await store.close()
            throw error
        }
        return store
    }

    /// ``connect(url:password:logger:)`` with the password found as the config says: `[Register]
    /// PasswordFile=` (`passwordFile`, empty for none), else the `register-password` credential.
    package static func connect(
        url: String, passwordFile: String, credentials: CredentialStore = .fromEnvironment(),
        logger: Logger = Logger(label: "nianbao.register")
    ) async throws -> PostgresRegisterStore {
        let password: String?
        do {
            password = try PostgresConnectionSettings.password(file: passwordFile, credentials: credentials)
        } catch {
            let server = (try? PostgresURL.parse(url).get())?.description ?? "postgresql://…"
            throw PostgresRegisterError(server: server, reason: error.reason)
        }
        return try await connect(url: url, password: password, logger: logger)
    }

    private init(configuration: PostgresConnection.Configuration, server: String, logger: Logger) {
        self.configuration = configuration
        self.server = server
        self.logger = logger
    }

    /// A store dropped without ``close()`` (a caller's error path) still closes its connection.
    deinit {
        if let connection { Self.letGo(connection) }
    }

    /// Closes `connection` without waiting, keeping it alive until closed (postgres-nio insists it is
    /// closed before it goes away).
    private static func letGo(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// Applies, in one transaction under the migration lock, each of ``PostgresRegisterSchema``'s migrations
    /// not yet in `schema_migrations`: two instances starting together apply each once.
    private func migrate() async throws {
        try await transaction { connection, logger in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLockClass), 0)", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, summary TEXT NOT NULL)",
                logger: logger)
            var applied: Set<Int> = []
            for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: logger)
                .decode(Int.self)
            {
                applied.insert(version)
            }
            for migration in PostgresRegisterSchema.migrations where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                if migration.conversion == .packCells { try await Self.packCellRows(connection, logger) }
                for statement in migration.cleanup {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, summary) VALUES (\(migration.version), \(migration.summary))",
                    logger: logger)
                logger.info("register migrated", metadata: ["version": "\(migration.version)", "server": "\(server)"])
            }
        }
    }

    /// The migrations this register has applied, in order.
    package func schemaVersions() async throws -> [Int] {
        try await exclusive { connection, logger in
            var versions: [Int] = []
            for try await version in try await connection.query(
                "SELECT version FROM schema_migrations ORDER BY version", logger: logger
            ).decode(Int.self) {
                versions.append(version)
            }
            return versions
        }
    }

    /// Whether this store's connection is encrypted (`pg_stat_ssl`), for the tests of `sslmode=`.
    package func usesTLS() async throws -> Bool {
        try await exclusive { connection, logger in
            for try await ssl in try await connection.query(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: logger
            ).decode(Bool.self) {
                return ssl
            }
            return false
        }
    }

    /// Records `batch` in one transaction. Before numbering anything it takes the advisory lock of every
    /// agency-year in the batch, in ascending lock order (two writers can never wait on each other in a
    /// circle); under the lock `MAX(version) + 1` is the next version, since every other writer of that
    /// agency-year waits for this commit and then, in READ COMMITTED, sees it.
    package func record(_ batch: [RegisterRecord]) async throws -> [RegisterRecord] {
        guard !batch.isEmpty else { return [] }
        return try await transaction { connection, logger in
            for key in Set(batch.map { Self.lockKey(agency: $0.agency, year: $0.year) }).sorted() {
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.agencyYearLockClass), \(key))", logger: logger)
            }
            var stored: [RegisterRecord] = []
            for record in batch { stored.append(try await Self.insert(record, connection, logger)) }
            return stored
        }
    }

    /// The agency-year's lock: FNV-1a of its UTF-8 text folded to 32 bits. A collision only makes two
    /// agency-years share a lock (they wait for each other), never two versions share a number.
    static func lockKey(agency: String, year: Int?) -> Int32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(agency.utf8) + [0x1F] + Array((year.map(String.init) ?? "-").utf8) {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int32(bitPattern: UInt32(truncatingIfNeeded: hash ^ (hash >> 32)))
    }

    /// Inserts one record inside the open transaction, or returns the one already there.
    private static func insert(_ record: RegisterRecord, _ connection: PostgresConnection, _ logger: Logger) async throws
        -> RegisterRecord
    {
        var record = record
        if let existing = try await existingVersion(record.identity, connection, logger) {
            record.version = existing
            return record
        }
        let latestQuery: PostgresQuery =
            if let year = record.year {
                "SELECT COALESCE(MAX(version), 0) FROM reports WHERE agency = \(record.agency) AND year = \(year)"
            } else {
                "SELECT COALESCE(MAX(version), 0) FROM reports WHERE agency = \(record.agency) AND year IS NULL"
            }
        var latest = 0
        for try await value in try await connection.query(latestQuery, logger: logger).decode(Int.self) { latest = value }
        record.version = latest + 1
        let inserted = try await connection.query(
            """
            INSERT INTO reports (office, received_at, filed_at, original_name, final_name, folder, sha256, size,
                agency_titled, agency_matched, agency, year, format, layout, verdict, errors, warnings, codes, version)
            VALUES (\(record.office), \(record.receivedAt), \(record.filedAt), \(record.originalName.map { ByteBuffer(bytes: $0) }),
                \(ByteBuffer(bytes: record.finalName)), \(record.folder), \(record.sha256), \(record.size),
                \(record.agencyTitled), \(record.agencyMatched), \(record.agency), \(record.year), \(record.format?.rawValue),
                \(record.layout), \(record.verdict.rawValue), \(record.errors), \(record.warnings),
                \(record.codes.joined(separator: " ")), \(record.version))
            ON CONFLICT (office, folder, final_name, sha256) DO NOTHING
            RETURNING id
            """, logger: logger)
        var id: Int?
        for try await value in inserted.decode(Int.self) { id = value }
        guard let id else {
            // Another writer recorded the same filing and committed while this one waited: theirs stands.
            record.version = try await existingVersion(record.identity, connection, logger) ?? record.version
            return record
        }
        try await connection.query(
            "INSERT INTO findings (report_id, document) VALUES (\(id), \(record.findingsJSON))", logger: logger)
        try await connection.query(
            "INSERT INTO report_cells (report_id, packed) VALUES (\(id), \(ByteBuffer(bytes: PackedCells.pack(record.cells))))",
            logger: logger)
        for (section, body) in record.narrative.sorted(by: { $0.key < $1.key }) {
            try await connection.query(
                "INSERT INTO narrative (report_id, section, body) VALUES (\(id), \(section.rawValue), \(body))", logger: logger)
        }
        return record
    }

    private static func existingVersion(_ identity: RecordIdentity, _ connection: PostgresConnection, _ logger: Logger)
        async throws -> Int?
    {
        let rows = try await connection.query(
            """
            SELECT version FROM reports WHERE office = \(identity.office) AND folder = \(identity.folder)
                AND final_name = \(ByteBuffer(bytes: identity.finalName)) AND sha256 = \(identity.sha256)
            """, logger: logger)
        for try await version in rows.decode(Int.self) { return version }
        return nil
    }

    package func submissions(agency: String, year: Int?) async throws -> [RegisterRecord] {
        try await exclusive { connection, logger in
            var binds = PostgresBindings(capacity: 2)
            binds.append(agency)
            let condition: String
            if let year {
                binds.append(year)
                condition = "agency = $1 AND year = $2 ORDER BY version, id"
            } else {
                condition = "agency = $1 ORDER BY year, version, id"
            }
            return try await Self.select(
                PostgresQuery(unsafeSQL: "SELECT \(RegisterSchema.reportsSource(findings: true)) WHERE " + condition, binds: binds),
                connection, logger)
        }
    }

    package func reports(year: Int) async throws -> [RegisterRecord] {
        try await exclusive { connection, logger in try await Self.select(Self.year(year), connection, logger, cells: .current) }
    }

    package func summaries(year: Int) async throws -> [RegisterRecord] {
        try await exclusive { connection, logger in try await Self.select(Self.year(year), connection, logger, cells: .none) }
    }

    /// A year's reports for the office's views, without their findings documents.
    private static func year(_ year: Int) -> PostgresQuery {
        var binds = PostgresBindings(capacity: 1)
        binds.append(year)
        return PostgresQuery(
            unsafeSQL: "SELECT \(RegisterSchema.reportsSource(findings: false)) WHERE year = $1 ORDER BY agency, version, id",
            binds: binds)
    }

    package func latestAndCurrent(agency: String, year: Int, cells: Bool) async throws -> [RegisterRecord] {
        try await exclusive { connection, logger in
            var binds = PostgresBindings(capacity: 4)
            binds.append(agency)
            binds.append(year)
            binds.append(agency)
            binds.append(year)
            let query = PostgresQuery(
                unsafeSQL: "SELECT \(RegisterSchema.reportsSource(findings: true)) WHERE "
                    + RegisterSchema.latestAndCurrent(placeholders: ("$1", "$2", "$3", "$4")) + " ORDER BY version, id",
                binds: binds)
            return try await Self.select(query, connection, logger, cells: cells ? .all : .none)
        }
    }

    /// One query per thousand identities, joined against the unique key's index.
    package func recorded(_ identities: [RecordIdentity]) async throws -> Set<RecordIdentity> {
        guard !identities.isEmpty else { return [] }
        return try await exclusive { connection, logger in
            var found: Set<RecordIdentity> = []
            for start in stride(from: 0, to: identities.count, by: 1000) {
                let chunk = identities[start..<min(start + 1000, identities.count)]
                let rows = try await connection.query(
                    """
                    SELECT r.office, r.folder, r.final_name, r.sha256 FROM reports r
                    JOIN unnest(\(chunk.map(\.office)), \(chunk.map(\.folder)), \(chunk.map { ByteBuffer(bytes: $0.finalName) }),
                        \(chunk.map(\.sha256))) AS k (office, folder, final_name, sha256)
                    ON r.office = k.office AND r.folder = k.folder AND r.final_name = k.final_name AND r.sha256 = k.sha256
                    """, logger: logger)
                for try await (office, folder, name, sha256) in rows.decode((String, String, ByteBuffer, String).self) {
                    found.insert(RecordIdentity(office: office, folder: folder, finalName: Array(name.readableBytesView), sha256: sha256))
                }
            }
            return found
        }
    }

    package func latestFiledAt(office: String) async throws -> Int64? {
        try await exclusive { connection, logger in
            let rows = try await connection.query("SELECT MAX(filed_at) FROM reports WHERE office = \(office)", logger: logger)
            for try await (latest) in rows.decode((Int64?).self) { return latest }
            return nil
        }
    }

    package func close() async throws {
        await takeTurn()
        defer { passTurn() }
        let open = connection
        connection = nil
        try await open?.close()
    }

    /// Waits until no other call uses the connection. The actor alone would not do: a call suspended in
    /// the middle of a transaction lets the next one in, and both would then speak on one session.
    private func takeTurn() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the connection to the next waiting call, if any.
    private func passTurn() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// `body` on the connection (opened if need be), alone: no other call of this store runs meanwhile.
    private func exclusive<T: Sendable>(
        _ body: @Sendable (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        await takeTurn()
        defer { passTurn() }
        let connection = try await open()
        do {
            return try await body(connection, logger)
        } catch {
            throw failed(error)
        }
    }

    /// ``exclusive(_:)`` inside `BEGIN … COMMIT`, rolled back when `body` throws.
    private func transaction<T: Sendable>(
        _ body: @Sendable (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        try await exclusive { connection, logger in
            try await connection.query("BEGIN", logger: logger)
            do {
                let value = try await body(connection, logger)
                try await connection.query("COMMIT", logger: logger)
                return value
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    private func open() async throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        connection = nil
        connections += 1
        do {
            let opened = try await PostgresConnection.connect(configuration: configuration, id: connections, logger: logger)
            connection = opened
            return opened
        } catch {
            throw PostgresRegisterError(error, server: server)
        }
    }

    /// `error` in words; a broken connection is let go so that the next call opens a new one.
    private func failed(_ error: any Error) -> PostgresRegisterError {
        let failure = PostgresRegisterError(error, server: server)
        if failure.isUnreachable || connection?.isClosed == true {
            if let connection { Self.letGo(connection) }
            connection = nil
        }
        return failure
    }
}
