import Foundation
import Glibc

/// A real systemd + journald as PID 1 of a private PID and mount namespace, running the shipped
/// `systemd/nianbao.service` (plus a drop-in pointing it at the built binary and a test root).
///
/// Follows docs/systemd-sandbox.md: `SYSTEMD_UNIT_PATH` always names the sandbox's own unit folder,
/// the user `nianbao` and the catalog database exist only inside the namespace (bind mounts), and
/// teardown SIGKILLs only the init this sandbox started. Everything lives under /srv/nianbao-test-*,
/// since the unit's PrivateTmp= hides /tmp.
final class SystemdSandbox {
    /// Why the sandbox cannot run here, or nil when it can: tests skip with this reason.
    static let unavailableReason: String? = {
        if geteuid() != 0 { return "needs root (to unshare a PID + mount namespace and boot systemd in it)" }
        for tool in [
            "/usr/bin/unshare", "/usr/bin/nsenter", "/lib/systemd/systemd", "/bin/systemctl",
            "/bin/journalctl", "/bin/systemd-tmpfiles", "/bin/systemd-sysusers",
        ]
        where !FileManager.default.isExecutableFile(atPath: tool) {
            return "\(tool) is missing (apt-get install systemd util-linux)"
        }
        guard let binary = Package.binary() else {
            return "the nianbao executable is not built (swift build), or set NIANBAO_BIN"
        }
        guard let help = try? Command.run([binary, "watch", "--help"]), help.status == 0 else {
            return "`nianbao watch` is not available yet in \(binary)"
        }
        let probe = try? Command.run(["/usr/bin/unshare", "--pid", "--fork", "--mount", "--mount-proc", "/bin/true"])
        if probe?.status != 0 { return "unshare --pid --mount is not permitted here: \(probe?.stderr ?? "")" }
        return nil
    }()

    /// The sandbox folder `/srv/nianbao-test-XXXXXX`.
    let folder: String
    private let files: SandboxFolder
    /// The daemon's root (Root= of the test config): inbox/, accepted/, rejected/, .work/.
    var root: String { folder + "/root" }
    /// The config file the unit's ExecStart names; rewrite it and `systemctl reload` to test reloads.
    var configPath: String { folder + "/etc/nianbao.conf" }
    private let unshare = Process()
    /// The namespace's PID 1, as the host sees it.
    private(set) var initPID: pid_t = 0

    /// Lays out the sandbox and boots it; the caller then waits with ``waitForUnit()``.
    /// `dropIn` lines are appended to the unit's test drop-in (`[Service]`), e.g. `WatchdogSec=3s`.
    init(config: String = "", dropIn: [String] = []) throws {
        files = try SandboxFolder(prefix: "nianbao-test")
        folder = files.path
        do {
            try layOut(config: config, dropIn: dropIn)
            try boot()
        } catch {
            tearDown()
            throw error
        }
    }

    deinit { tearDown() }

    private func write(_ relative: String, _ text: String, mode: mode_t = 0o644) throws {
        try files.write(relative, text, mode: mode)
    }

    private func layOut(config: String, dropIn: [String]) throws {
        let units = "units"
        try files.writeBaseUnits(description: "nianbao systemd integration test", wants: ["nianbao.service"])
        try write("\(units)/nianbao.service", try String(contentsOfFile: Package.path("systemd/nianbao.service"), encoding: .utf8))
        try write(
            "\(units)/nianbao.service.d/test.conf",
            """
            [Service]
            ExecStart=
            ExecStart=\(folder)/bin/nianbao watch --config \(configPath)
            ReadWritePaths=
            ReadWritePaths=\(root)
            """ + dropIn.map { "\n" + $0 }.joined() + "\n")
        try write("etc/nianbao.conf", config.isEmpty ? Self.config(root: root) : config)
        // The shipped tmpfiles and sysusers files, with the test root for /srv/nianbao.
        let tmpfiles = try String(contentsOfFile: Package.path("systemd/nianbao.tmpfiles"), encoding: .utf8)
        try write("nianbao.tmpfiles", tmpfiles.replacingOccurrences(of: "/srv/nianbao", with: root))
        try write("nianbao.sysusers", try String(contentsOfFile: Package.path("systemd/nianbao.sysusers"), encoding: .utf8))
        try write(
            "catroot/usr/lib/systemd/catalog/nianbao.catalog",
            try String(contentsOfFile: Package.path("systemd/nianbao.catalog"), encoding: .utf8))
        try FileManager.default.createDirectory(atPath: folder + "/staging", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/sysroot/etc", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            atPath: folder + "/bin", withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o755])
        guard let binary = Package.binary() else { throw SandboxError("nianbao is not built") }
        try FileManager.default.copyItem(atPath: binary, toPath: folder + "/bin/nianbao")
        try write("boot.sh", bootScript(), mode: 0o755)
    }

    /// A config with the test root and a short settle period.
    static func config(root: String, extra: String = "") -> String {
        "[Inbox]\nRoot=\(root)\nSettlePeriod=200ms\n\(extra)"
    }

    /// Runs inside the new namespaces: private /run, the user nianbao, the catalog, the folders, then systemd.
    private func bootScript() -> String {
        """
        #!/bin/sh
        set -eu
        T='\(folder)'
        mount --make-rprivate /
        mount -t tmpfs tmpfs /run
        mkdir -p /run/systemd
        # journald must not write into the host's persistent journal.
        if [ -d /var/log/journal ]; then mount -t tmpfs tmpfs /var/log/journal; fi
        # The units' StateDirectory=nianbao must not appear on the host: a private /var/lib holding the host's
        # own entries (bound back one by one), so that /var/lib/nianbao is made in this namespace only.
        mkdir -p "$T/host-var-lib"
        mount --bind /var/lib "$T/host-var-lib"
        mount -t tmpfs tmpfs /var/lib
        for entry in "$T/host-var-lib"/* "$T/host-var-lib"/.[!.]*; do
            [ -e "$entry" ] || continue
            name=${entry##*/}
            [ "$name" = nianbao ] && continue
            if [ -d "$entry" ]; then mkdir "/var/lib/$name"; else : > "/var/lib/$name"; fi
            mount --bind "$entry" "/var/lib/$name"
        done
        # The static user of nianbao.sysusers, visible only in this namespace.
        cp /etc/passwd /etc/group "$T/sysroot/etc/"
        systemd-sysusers --root="$T/sysroot" "$T/nianbao.sysusers"
        mount --bind "$T/sysroot/etc/passwd" /etc/passwd
        mount --bind "$T/sysroot/etc/group" /etc/group
        # The shipped catalog, compiled into a database only this namespace sees.
        journalctl --root="$T/catroot" --update-catalog
        if [ -d /var/lib/systemd/catalog ]; then
            mount --bind "$T/catroot/var/lib/systemd/catalog" /var/lib/systemd/catalog
        fi
        # The shipped tmpfiles entries (only this file) create the test root.
        systemd-tmpfiles --create "$T/nianbao.tmpfiles"
        export SYSTEMD_UNIT_PATH="$T/units"
        export container=other
        exec /lib/systemd/systemd --system --unit=test.target
        """
    }

    private func boot() throws {
        initPID = try files.boot(unshare)
    }

    /// What boot.sh and systemd printed.
    var bootLog: String { files.bootLog }

    /// Kills the namespace's init (and with it everything inside) and removes the folder. Only our own PID.
    func tearDown() {
        if initPID > 0 {
            kill(initPID, SIGKILL)
            initPID = 0
        }
        if unshare.processIdentifier != 0 { unshare.waitUntilExit() }
        if !folder.isEmpty { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// Runs `arguments` inside the namespace (`nsenter -t INIT -m -p …`).
    @discardableResult
    func run(_ arguments: [String]) throws -> Command.Result {
        try Command.run(["/usr/bin/nsenter", "-t", "\(initPID)", "-m", "-p"] + arguments)
    }

    /// `systemctl ARGS --no-pager` inside the namespace.
    @discardableResult
    func systemctl(_ arguments: String...) throws -> Command.Result {
        try run(["systemctl"] + arguments + ["--no-pager"])
    }

    /// One property of nianbao.service (`systemctl show -p NAME --value`).
    func property(_ name: String) throws -> String {
        try systemctl("show", "nianbao.service", "-p", name, "--value").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits until nianbao.service leaves `activating`; returns its final ActiveState (`active`, `failed`…).
    func waitForUnit() throws -> String {
        var state = ""
        _ = try Command.waitUntil {
            state = (try? property("ActiveState")) ?? ""
            return state == "active" || state == "failed" || (state == "inactive" && (try? property("Result")) != "success")
        }
        return state
    }

    /// The unit's journal entries as JSON objects (`journalctl -u nianbao -o json`, extra match arguments allowed).
    func journal(_ matches: String...) throws -> [[String: Any]] {
        let result = try run(["journalctl", "-u", "nianbao.service", "-o", "json", "--no-pager"] + matches)
        return result.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// `systemctl status` and the unit's journal, to attach to a failing expectation.
    var diagnostics: String {
        let status = (try? systemctl("status", "nianbao.service"))?.stdout ?? ""
        let log = (try? run(["journalctl", "-u", "nianbao.service", "--no-pager", "-n", "60"]))?.stdout ?? ""
        return "systemctl status:\n\(status)\njournal:\n\(log)\nboot.log:\n\(bootLog)"
    }

    /// Publishes `source` into the inbox as `name` the way careful uploaders do: copy to a staging folder, then rename.
    func drop(_ source: String, as name: String) throws {
        let staged = folder + "/staging/" + name
        try FileManager.default.copyItem(atPath: source, toPath: staged)
        chmod(staged, 0o644)
        guard rename(staged, root + "/inbox/" + name) == 0 else { throw SandboxError("rename into inbox: errno \(errno)") }
    }

    /// Names in `sub` of the root (`accepted`, `rejected`, `inbox`).
    func names(in sub: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + sub)) ?? []).sorted()
    }
}

struct SandboxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
