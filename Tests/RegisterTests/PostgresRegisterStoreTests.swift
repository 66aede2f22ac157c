import Foundation
import Inbox
import NianbaoTestSupport
import Register
import ReportValidation
import Testing

/// The shared register's own promises, on real PostgreSQL servers (the tests' private clusters on 127.0.0.1):
/// several instances writing at once, the password kept out of the URL, TLS when asked, a server that goes away.
@Suite struct PostgresRegisterStoreTests {
    static func record(_ name: String, office: String, agency: String) -> RegisterRecord {
        var record = RegisterContractTests.record(name, agency: agency, sha: office + "-" + name)
        record.office = office
        return record
    }

    /// Two stores are two connections, as two nianbao instances would be; each writes its batches of
    /// the same two agencies in opposite order, so a writer that locked in batch order would deadlock.
    @Test func twoInstancesRecordingTheSameAgenciesAtOnceNumberTheirVersionsWithoutGapOrDuplicate() async throws {
        let server = try await StoreKind.postgresServer()
        let url = server.url(try await server.createDatabase("concurrent"))
        let first = try await PostgresRegisterStore.connect(url: url, password: server.password)
        let second = try await PostgresRegisterStore.connect(url: url, password: server.password)
        let rounds = 25
        let agencies = ["温县人民政府办公室", "温县教育局"]
        let versions = try await withThrowingTaskGroup(of: [RegisterRecord].self) { group in
            for (store, office, order) in [(first, "温县", agencies), (second, "孟州", agencies.reversed())] {
                group.addTask {
                    var stored: [RegisterRecord] = []
                    for round in 0..<rounds {
                        stored += try await store.record(
                            order.map {
                                Self.record("\(round)-\(agencies.firstIndex(of: $0) ?? 0).txt", office: office, agency: $0)
                            })
                    }
                    return stored
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        for agency in agencies {
            let stored = versions.filter { $0.agency == agency }.map(\.version).sorted()
            #expect(stored == Array(1...(2 * rounds)), "versions handed out for \(agency)")
            let recorded = try await first.submissions(agency: agency, year: 2025).map(\.version)
            #expect(recorded == Array(1...(2 * rounds)), "versions in the register for \(agency)")
        }
        try await first.close()
        try await second.close()
    }

    @Test func theMigrationsAreTheSQLiteOnesAndTwoInstancesStartingTogetherApplyThemOnce() async throws {
        #expect(PostgresRegisterSchema.migrations.map(\.version) == RegisterSchema.migrations.map(\.version))
        #expect(PostgresRegisterSchema.migrations.map(\.summary) == RegisterSchema.migrations.map(\.summary))
        let server = try await StoreKind.postgresServer()
        let url = server.url(try await server.createDatabase("migrations"))
        async let one = PostgresRegisterStore.connect(url: url, password: server.password)
        async let two = PostgresRegisterStore.connect(url: url, password: server.password)
        let stores = try await [one, two]
        for store in stores {
            #expect(try await store.schemaVersions() == RegisterSchema.migrations.map(\.version))
            try await store.close()
        }
    }

    /// `[Register] PasswordFile=` wins; without it the `register-password` credential; the password (with the
    /// newline an editor leaves) reaches the server, and a wrong one is refused in words that do not show it.
    @Test func thePasswordComesFromThePasswordFileOrTheCredentialAndNeverShows() async throws {
        let server = try await StoreKind.postgresServer()
        let url = server.url(try await server.createDatabase("password"))
        let folder = try TemporaryRoot.makePath("register-password")
        defer { TemporaryRoot.remove(folder) }
        try (server.password + "\n").write(toFile: folder + "/register-password", atomically: true, encoding: .utf8)
        try "wrong-password\n".write(toFile: folder + "/wrong", atomically: true, encoding: .utf8)
        let credentials = CredentialStore(directory: folder)

        let fromCredential = try PostgresConnectionSettings.password(file: "", credentials: credentials)
        let fromFile = try PostgresConnectionSettings.password(file: folder + "/wrong", credentials: credentials)
        #expect(fromCredential == server.password && fromFile == "wrong-password")
        #expect(try PostgresConnectionSettings.password(file: "", credentials: CredentialStore(directory: nil)) == nil)
        let store = try await PostgresRegisterStore.connect(url: url, password: fromCredential)
        #expect(try await store.record([RegisterContractTests.record("a.txt")]).map(\.version) == [1])
        try await store.close()

        let refused = await #expect(throws: PostgresRegisterError.self) {
            try await PostgresRegisterStore.connect(url: url, password: fromFile)
        }
        #expect(refused?.description.contains("password authentication failed") == true, "\(String(describing: refused))")
        #expect(refused?.description.contains("wrong-password") == false)
        let none = await #expect(throws: PostgresRegisterError.self) {
            try await PostgresRegisterStore.connect(url: url, password: nil)
        }
        #expect(none?.description.contains("PasswordFile=") == true, "\(String(describing: none))")
        #expect(throws: CredentialError.self) {
            try PostgresConnectionSettings.password(file: folder + "/absent", credentials: credentials)
        }
    }

    /// A caller's error path may drop a store without closing it: its connection is closed then, not left open
    /// (postgres-nio traps on a connection released open).
    @Test func aStoreDroppedWithoutClosingLetsItsConnectionGo() async throws {
        let server = try await StoreKind.postgresServer()
        let url = server.url(try await server.createDatabase("dropped"))
        do {
            let store = try await PostgresRegisterStore.connect(url: url, password: server.password)
            _ = try await store.record([RegisterContractTests.record("a.txt", sha: "1")])
        }
        let again = try await PostgresRegisterStore.connect(url: url, password: server.password)
        #expect(try await again.reports(year: 2025).count == 1)
        try await again.close()
    }

    @Test func aURLCarryingAPasswordIsRefusedBeforeAnythingIsSent() async throws {
        let refused = await #expect(throws: PostgresRegisterError.self) {
            try await PostgresRegisterStore.connect(url: "postgresql://nianbao:s3cret@127.0.0.1:9/register", password: nil)
        }
        #expect(refused?.description.contains("must not carry the password") == true)
        #expect(refused?.description.contains("s3cret") == false, "\(String(describing: refused))")
    }

    /// A server that stops: the store says so clearly and loses nothing; once the server is back, the same
    /// store records again (it reconnects), and a store cannot be opened while it is down.
    @Test func aServerThatIsDownIsReportedAndRecordingWorksOnceItIsBack() async throws {
        if let reason = PostgresServer.unavailableReason { try Test.cancel("skipped: \(reason)") }
        let server = try await PostgresServer.start(label: "down")
        let url = server.url(try await server.createDatabase("down"))
        let store = try await PostgresRegisterStore.connect(url: url, password: server.password)
        _ = try await store.record([RegisterContractTests.record("a.txt", sha: "1")])
        try await server.stop()

        let failed = await #expect(throws: PostgresRegisterError.self) {
            try await store.record([RegisterContractTests.record("b.txt", sha: "2")])
        }
        #expect(
            failed?.isUnreachable == true && failed?.description.contains("127.0.0.1:\(server.port)") == true,
            "\(String(describing: failed))")
        let notOpened = await #expect(throws: PostgresRegisterError.self) {
            try await PostgresRegisterStore.connect(url: url, password: server.password)
        }
        #expect(
            notOpened?.isUnreachable == true && notOpened?.description.contains("unreachable") == true,
            "\(String(describing: notOpened))")

        try await server.restart()
        let again = try await store.record([RegisterContractTests.record("b.txt", sha: "2")])
        #expect(again.map(\.version) == [2])
        #expect(try await store.reports(year: 2025).map(\.finalName) == [Array("a.txt".utf8), Array("b.txt".utf8)])
        try await store.close()
    }

    /// `sslmode=` as libpq means it: `disable` plain, `require` encrypted, `verify-full` encrypted with the
    /// certificate checked against `sslrootcert=` (and refused against the system's roots).
    @Test func theConnectionIsEncryptedWhenTheURLAsks() async throws {
        if let reason = PostgresServer.unavailableReason { try Test.cancel("skipped: \(reason)") }
        let server = try await PostgresServer.start(label: "tls", tls: true)
        let database = try await server.createDatabase("tls")
        let certificate = try #require(server.certificate)
        for (mode, root, encrypted) in [("disable", nil, false), ("require", nil, true), ("verify-full", certificate, true)] {
            let store = try await PostgresRegisterStore.connect(
                url: server.url(database, sslmode: mode, sslrootcert: root), password: server.password)
            #expect(try await store.usesTLS() == encrypted, "sslmode=\(mode)")
            try await store.close()
        }
        await #expect(throws: PostgresRegisterError.self, "a self-signed certificate is not among the system's roots") {
            try await PostgresRegisterStore.connect(url: server.url(database, sslmode: "verify-full"), password: server.password)
        }
    }
}

/// `Database=` URLs read as libpq reads them, and refused, saying why, where nianbao cannot use them.
@Suite struct PostgresURLTests {
    @Test(arguments: [
        (
            "postgresql://nianbao@db.example.gov.cn:6432/register?sslmode=verify-full&sslrootcert=/etc/nianbao/ca.pem",
            PostgresURL(
                user: "nianbao", host: "db.example.gov.cn", port: 6432, database: "register", sslMode: .verifyFull,
                sslRootCert: "/etc/nianbao/ca.pem")
        ),
        ("postgres://nianbao@127.0.0.1/register", PostgresURL(user: "nianbao", host: "127.0.0.1", database: "register")),
        ("postgresql://nian%20bao@[::1]:5433", PostgresURL(user: "nian bao", host: "::1", port: 5433, database: "nian bao")),
    ])
    func aURLIsRead(_ text: String, _ expected: PostgresURL) throws {
        #expect(try PostgresURL.parse(text).get() == expected)
    }

    @Test(arguments: [
        ("postgresql://nianbao:pw@db/register", "must not carry the password"),
        ("postgresql://nianbao@db/register?password=pw", "must not carry the password"),
        ("postgresql://db/register", "names no user"),
        ("postgresql://nianbao@db:99999/register", "a port 1–65535"),
        ("postgresql://nianbao@db/register?sslmode=yes", "sslmode=yes is not one of"),
        ("postgresql://nianbao@db/register?application_name=x", "unknown URL parameter"),
    ])
    func aURLNianbaoCannotUseIsRefusedSayingWhy(_ text: String, _ reason: String) {
        guard case .failure(let error) = PostgresURL.parse(text) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(error.reason.contains(reason), "\(error)")
        #expect(!error.reason.contains("pw"))
    }
}
