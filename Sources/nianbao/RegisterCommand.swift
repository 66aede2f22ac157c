import ArgumentParser
import Glibc
import Inbox
import Logging
import Register

extension Nianbao {
    /// `nianbao register`: the register's upkeep.
    struct RegisterCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "register", abstract: "Upkeep of the register of filed reports.", subcommands: [Rebuild.self])
    }
}

extension Nianbao.RegisterCommand {
    /// `nianbao register rebuild`: a register made again from the output folders, the source of truth.
    struct Rebuild: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the register from the findings files in accepted/ and rejected/.",
            discussion: """
                Reads every REPORT.findings.json beside a report in ROOT/accepted and ROOT/rejected and \
                records it, oldest first, so versions are numbered again in filing order. An embedded \
                (SQLite) register is written to a new file that then replaces the old one: stop the \
                daemon first (systemctl stop nianbao) and start it again afterwards. A PostgreSQL \
                register shared by several offices is filled in with what it lacks, never emptied.

                EXAMPLES:
                  systemctl stop nianbao && nianbao register rebuild && systemctl start nianbao
                  nianbao register rebuild --root /tmp/nianbao-demo

                EXIT STATUS:
                  0  rebuilt
                  1  the register could not be written
                  2  usage error
                """)

        @OptionGroup var options: RegisterOptions

        func run() throws {
            let settings = try options.settings()
            let location = try options.location(settings)
            let logger = Logger(label: "nianbao.register") { _ in SwiftLogNoOpLogHandler() }
            let catchUp = RegisterCatchUp(root: settings.root, office: settings.office)
            let records: [RegisterRecord]
            do {
                records = try catchUp.records(since: nil, logger: logger)
            } catch {
                ConsoleOutput.error("nianbao: cannot read the output folders of \(settings.root): \(error)")
                throw ExitCode(1)
            }
            do {
                let passwordFile = settings.registerPasswordFile
                let stored = try BlockingTask.run {
                    try await Self.rebuild(location, with: records, passwordFile: passwordFile, logger: logger)
                }
                let rejected = records.filter { $0.verdict == .rejected }.count
                print(
                    "rebuilt \(location.shown) from \(settings.root): \(stored) reports (accepted \(records.count - rejected), rejected \(rejected))"
                )
            } catch {
                ConsoleOutput.error("nianbao: register not rebuilt: \(error)")
                throw ExitCode(1)
            }
        }

        /// Records `records` into a fresh SQLite file that replaces the old register, or into the server.
        static func rebuild(_ location: RegisterLocation, with records: [RegisterRecord], passwordFile: String, logger: Logger)
            async throws -> Int
        {
            guard case .sqlite(let path) = location else {
                let store = try await ReconnectingRegister.open(location, passwordFile: passwordFile, logger: logger)
                do {
                    let count = try await record(records, into: store)
                    try await store.close()
                    return count
                } catch {
                    try? await store.close()
                    throw error
                }
            }
            let fresh = path + ".rebuild"
            for leftover in [fresh, fresh + "-wal", fresh + "-shm"] { unlink(leftover) }
            let store = try await ReconnectingRegister.open(.sqlite(path: fresh), logger: logger)
            let count: Int
            do {
                count = try await record(records, into: store)
                try await store.close()  // The last connection closed: the WAL is checkpointed into the file and removed.
            } catch {
                try? await store.close()
                throw error
            }
            // The old file's WAL must not be replayed into the new one.
            for old in [path + "-wal", path + "-shm"] {
                let removed = Result { () throws(SystemCallError) in try SystemCall.run("unlink", path: old) { unlink(old) } }
                if case .failure(let error) = removed, error.errno != .noSuchFileOrDirectory { throw error }
            }
            try SystemCall.run("rename", path: fresh + " → " + path) { rename(fresh, path) }
            return count
        }

        static func record(_ records: [RegisterRecord], into store: any RegisterStore) async throws -> Int {
            var stored = 0
            for start in stride(from: 0, to: records.count, by: RegisterRecorder.batchLimit) {
                stored += try await store.record(Array(records[start..<min(start + RegisterRecorder.batchLimit, records.count)])).count
            }
            return stored
        }
    }
}
