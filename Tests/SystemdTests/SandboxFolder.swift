import Foundation
import Glibc

/// The folder a systemd sandbox lives in (`/srv/<prefix>-XXXXXX`, outside the /tmp that PrivateTmp=
/// hides) and the units every sandbox boots with.
struct SandboxFolder {
    let path: String

    /// Makes a fresh folder `/srv/<prefix>-XXXXXX`, mode 0755.
    init(prefix: String) throws {
        var template = Array("/srv/\(prefix)-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw SandboxError("mkdtemp under /srv failed: errno \(errno)")
        }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        chmod(path, 0o755)
    }

    /// Writes `text` to `relative` inside the folder, making its parent folders.
    func write(_ relative: String, _ text: String, mode: mode_t = 0o644) throws {
        let file = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, mode)
    }

    /// `units/`: a `test.target` wanting journald (and `wants`), stubs of the targets the shipped unit names
    /// (implicitly, by default dependencies, or in [Install]), and copies of the host's journald units.
    func writeBaseUnits(description: String, wants: [String] = []) throws {
        let journald = ["systemd-journald.socket", "systemd-journald-dev-log.socket", "systemd-journald.service"]
        try write(
            "units/test.target",
            """
            [Unit]
            Description=\(description)
            Wants=\((journald + wants).joined(separator: " "))
            """)
        for stub in ["sysinit.target", "basic.target", "shutdown.target", "sockets.target", "multi-user.target"] {
            try write("units/\(stub)", "[Unit]\nDescription=stub \(stub) for the test sandbox\n")
        }
        for unit in journald {
            try write("units/\(unit)", try String(contentsOfFile: "/lib/systemd/system/\(unit)", encoding: .utf8))
        }
    }

    /// What boot.sh and systemd printed.
    var bootLog: String { (try? String(contentsOfFile: path + "/boot.log", encoding: .utf8)) ?? "" }

    /// Runs `boot.sh` as PID 1 of new PID and mount namespaces through `unshare` (output to boot.log) and
    /// returns that PID 1, as the host sees it, once it has exec'd systemd. `unshare` is launched (so the
    /// caller can wait for it) even when this throws.
    func boot(_ unshare: Process) throws -> pid_t {
        unshare.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        unshare.arguments = ["--pid", "--fork", "--mount", "--mount-proc", path + "/boot.sh"]
        unshare.currentDirectoryURL = URL(fileURLWithPath: "/")
        unshare.environment = Command.childEnvironment
        unshare.standardInput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: path + "/boot.log", contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: path + "/boot.log"))
        unshare.standardOutput = log
        unshare.standardError = log
        try unshare.run()
        let parent = unshare.processIdentifier
        // With --fork, unshare's only child becomes the namespace's PID 1 (boot.sh, then systemd by exec).
        var initPID: pid_t = 0
        let found = Command.waitUntil {
            let children = (try? String(contentsOfFile: "/proc/\(parent)/task/\(parent)/children", encoding: .utf8)) ?? ""
            if let pid = children.split(separator: " ").first.flatMap({ pid_t($0) }) { initPID = pid }
            return initPID != 0
        }
        guard found else { throw SandboxError("unshare started no child; boot.log: \(bootLog)") }
        let booted = Command.waitUntil {
            let comm = (try? String(contentsOfFile: "/proc/\(initPID)/comm", encoding: .utf8)) ?? ""
            return comm.hasPrefix("systemd") || !unshare.isRunning
        }
        guard booted, unshare.isRunning else {
            kill(initPID, SIGKILL)
            throw SandboxError("systemd did not start in the namespace; boot.log: \(bootLog)")
        }
        return initPID
    }
}
