import Foundation
import Glibc

/// A throwaway copy of this machine: systemd 252 as PID 1 of a private PID + mount namespace whose
/// root is an overlay of the real `/` (lower) with a tmpfs upper, so anything written inside —
/// `scripts/install`'s /usr/local, /etc, /srv, /etc/passwd, the catalog database — lands in memory
/// and vanishes with the namespace (docs/systemd-sandbox.md, "or without an overlay root").
///
/// Unlike ``SystemdSandbox`` nothing of the project is pre-installed: the tests run the README's
/// administrator commands inside. The manager sees only its own stub targets and journald units
/// plus /etc/systemd/system (`SYSTEMD_UNIT_PATH` without a trailing colon, so /lib/systemd/system —
/// systemd-sysctl, systemd-tmpfiles-setup… — stays invisible), and the host's own enablement links
/// in /etc/systemd/system are deleted in the overlay before it starts. It runs in a cgroup of its
/// own (`/nianbao-install-XXXXXX`), so it never shares `/system.slice/nianbao.service` with another
/// sandbox running at the same time. Teardown SIGKILLs only the init this sandbox started.
final class OverlaySandbox {
    /// Why the overlay sandbox cannot run here, or nil when it can: tests skip with this reason.
    static let unavailableReason: String? = {
        if let reason = SystemdSandbox.unavailableReason { return reason }
        for tool in [
            "/usr/sbin/pivot_root", "/usr/sbin/runuser", "/usr/sbin/useradd", "/usr/sbin/usermod",
            "/usr/bin/findmnt",
        ]
        where !FileManager.default.isExecutableFile(atPath: tool) {
            return "\(tool) is missing (apt-get install util-linux passwd)"
        }
        // The same steps as the boot script, then exit: overlay of / with a tmpfs upper, pivot_root into it.
        guard let probe = try? SandboxFolder(prefix: "nianbao-probe") else {
            return "mkdtemp under /srv failed: errno \(errno)"
        }
        let folder = probe.path
        defer { rmdir(folder) }
        let script = """
            set -eu
            mount --make-rprivate /
            mount -t tmpfs tmpfs '\(folder)'
            mkdir '\(folder)/upper' '\(folder)/work' '\(folder)/root'
            mount -t overlay overlay -o lowerdir=/,upperdir='\(folder)/upper',workdir='\(folder)/work' '\(folder)/root'
            mount -t proc proc '\(folder)/root/proc'
            mkdir '\(folder)/root/.oldroot'
            cd '\(folder)/root'
            pivot_root . .oldroot
            cd /
            umount -l /.oldroot
            test "$(stat -f -c %T /)" = overlayfs
            """
        guard
            let probe = try? Command.run([
                "/usr/bin/unshare", "--pid", "--fork", "--mount", "--mount-proc",
                "/bin/sh", "-c", script,
            ])
        else { return "the overlay probe did not finish" }
        if probe.status != 0 {
            return "an overlay of / (tmpfs upper) with pivot_root into it is not possible here: \(probe.stderr)"
        }
        return nil
    }()

    /// The host folder `/srv/nianbao-install-XXXXXX`: units/, boot.sh, boot.log, layers/ (the mount point
    /// of the overlay's tmpfs inside the namespace only).
    let folder: String
    private let files: SandboxFolder
    /// The cgroup name, under every hierarchy's root, that the namespace's systemd treats as its own root.
    var cgroup: String { (folder as NSString).lastPathComponent }
    private let unshare = Process()
    /// Whether teardown already waited for `unshare` and removed the cgroups.
    private var reaped = false
    /// The namespace's PID 1, as the host sees it.
    private(set) var initPID: pid_t = 0

    /// A clean root shell's environment inside (as after `sudo -i` on Debian).
    static let path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// Lays out the units and boots; returns once the manager has finished starting test.target.
    init() throws {
        files = try SandboxFolder(prefix: "nianbao-install")
        folder = files.path
        do {
            try layOut()
            try boot()
        } catch {
            tearDown()
            throw error
        }
    }

    deinit { tearDown() }

    private func layOut() throws {
        try files.writeBaseUnits(description: "nianbao install test (overlay root)")
        try FileManager.default.createDirectory(atPath: folder + "/layers", withIntermediateDirectories: true)
        try files.write("boot.sh", bootScript(), mode: 0o755)
    }

    /// Runs as the new namespaces' PID 1 and ends by exec'ing systemd. Every step before the exec
    /// must succeed (`set -e`): systemd never starts unless `/` is the overlay.
    private func bootScript() -> String {
        """
        #!/bin/sh
        set -eu
        T='\(folder)'
        CG='\(cgroup)'
        mount --make-rprivate /
        # A cgroup of our own in the hierarchies systemd takes its root from (named, unified, or pure v2).
        if [ "$(stat -f -c %T /sys/fs/cgroup)" = cgroup2fs ]; then
            hierarchies=/sys/fs/cgroup
        else
            hierarchies="/sys/fs/cgroup/systemd /sys/fs/cgroup/unified"
        fi
        for h in $hierarchies; do
            if [ -d "$h" ]; then mkdir "$h/$CG"; echo $$ > "$h/$CG/cgroup.procs"; fi
        done
        # The throwaway root: overlay of / with a tmpfs upper that exists only in this namespace.
        mount -t tmpfs -o mode=0755 tmpfs "$T/layers"
        mkdir "$T/layers/upper" "$T/layers/work" "$T/layers/root"
        mount -t overlay overlay -o lowerdir=/,upperdir="$T/layers/upper",workdir="$T/layers/work" "$T/layers/root"
        R="$T/layers/root"
        mount --rbind /dev "$R/dev"
        mount -t proc proc "$R/proc"
        mount --rbind /sys "$R/sys"
        mount -t tmpfs -o mode=0755 tmpfs "$R/run"
        mkdir -p "$R/run/systemd" "$R/.oldroot"
        cd "$R"
        pivot_root . .oldroot
        cd /
        umount -l /.oldroot
        rmdir /.oldroot
        [ "$(stat -f -c %T /)" = overlayfs ] || { echo "boot: / is not the overlay, not starting systemd" >&2; exit 1; }
        # The host's enablement links (sysinit.target.wants/systemd-timesyncd.service…) must not reach
        # this manager; deleting them here only whites them out in the tmpfs upper.
        find /etc/systemd/system -mindepth 1 -delete
        # No trailing colon: the default unit folders (/lib/systemd/system) are not appended.
        exec env -i PATH='\(Self.path)' container=other \\
            SYSTEMD_UNIT_PATH="$T/units:/etc/systemd/system" \\
            /lib/systemd/systemd --system --unit=test.target
        """
    }

    private func boot() throws {
        initPID = try files.boot(unshare)
        var state = ""
        let settled = Command.waitUntil {
            state = (try? shell("systemctl is-system-running"))?.stdout.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return state == "running" || state == "degraded"
        }
        guard settled else { throw SandboxError("the manager is \(state), not running; boot.log: \(bootLog)") }
    }

    /// What boot.sh and systemd printed.
    var bootLog: String { files.bootLog }

    /// Kills the namespace's init (and with it everything inside, the overlay and its tmpfs upper),
    /// removes the sandbox's cgroups and the folder. Only our own PID.
    func tearDown() {
        if initPID > 0 {
            kill(initPID, SIGKILL)
            initPID = 0
        }
        if unshare.processIdentifier != 0, !reaped {
            unshare.waitUntilExit()
            reaped = true
            removeCgroups()
        }
        if !folder.isEmpty { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// rmdir, deepest first, of `<hierarchy>/nianbao-install-XXXXXX` in every cgroup hierarchy
    /// (the manager created its slices under it in each controller it used).
    private func removeCgroups() {
        var roots = ["/sys/fs/cgroup"]
        roots += ((try? FileManager.default.contentsOfDirectory(atPath: "/sys/fs/cgroup")) ?? []).map { "/sys/fs/cgroup/" + $0 }
        for root in roots {
            let top = root + "/" + cgroup
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: top, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            var directories = [top]
            if let walker = FileManager.default.enumerator(atPath: top) {
                while let relative = walker.nextObject() as? String {
                    var sub: ObjCBool = false
                    let path = top + "/" + relative
                    if FileManager.default.fileExists(atPath: path, isDirectory: &sub), sub.boolValue { directories.append(path) }
                }
            }
            // A cgroup whose last task just died can refuse rmdir (EBUSY) for a moment.
            _ = Command.waitUntil("the sandbox cgroups removed", stallLimit: 5) {
                for directory in directories.sorted(by: { $0.count > $1.count }) { rmdir(directory) }
                return !FileManager.default.fileExists(atPath: top)
            }
        }
    }

    /// Runs `command` with /bin/sh inside the namespace, from the repository folder, in a clean root
    /// environment (plus `environment`): how an administrator types the README's commands.
    @discardableResult
    func shell(_ command: String, environment: [String: String] = [:]) throws -> Command.Result {
        let variables =
            ["PATH=\(Self.path)", "HOME=/root", "LANG=C.UTF-8"]
            + environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return try Command.run(
            ["/usr/bin/nsenter", "-t", "\(initPID)", "-m", "-p", "--", "/usr/bin/env", "-i"]
                + variables + ["/bin/sh", "-c", "cd '\(Package.root.path)' && \(command)"])
    }

    /// `path` inside the namespace, as the host reaches it (`/proc/INIT/root/…`).
    func path(_ path: String) -> String { "/proc/\(initPID)/root" + path }

    /// The names in the folder `path` inside the namespace, sorted (empty when it is missing).
    func names(in path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: self.path(path))) ?? []).sorted()
    }

    /// One property of a unit (`systemctl show UNIT -p NAME --value`).
    func property(_ name: String, of unit: String = "nianbao.service") throws -> String {
        try shell("systemctl show \(unit) -p \(name) --value").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `systemctl status` and the unit's journal, to attach to a failing expectation.
    var diagnostics: String {
        let status = (try? shell("systemctl status nianbao --no-pager"))?.stdout ?? ""
        let log = (try? shell("journalctl -u nianbao --no-pager -n 60"))?.stdout ?? ""
        return "systemctl status:\n\(status)\njournal:\n\(log)\nboot.log:\n\(bootLog)"
    }
}

/// What `scripts/install` would change on the host, recorded before a sandbox boots and compared
/// after it is gone: the overlay must have kept every write away from the real `/`.
struct HostFootprint: Equatable {
    static let paths = [
        "/etc/nianbao", "/usr/local/bin/nianbao", "/srv/nianbao", "/etc/systemd/system/nianbao.service",
        "/etc/systemd/system/multi-user.target.wants/nianbao.service", "/usr/local/lib/systemd/catalog/nianbao.catalog",
        "/usr/local/lib/sysusers.d/nianbao.conf", "/usr/local/lib/tmpfiles.d/nianbao.conf",
        "/usr/local/share/doc/nianbao", "/etc/systemd/system/nianbao-digest.service", "/etc/systemd/system/nianbao-digest.timer",
        "/var/lib/nianbao",
    ]
    static let accounts = ["nianbao", "alice"]

    /// The paths among ``paths`` that exist.
    var existing: Set<String>
    /// The names among ``accounts`` found in /etc/passwd or /etc/group.
    var accounts: Set<String>
    /// Size and modification time of the journal catalog database (`journalctl --update-catalog` rewrites it).
    var catalogDatabase: String

    static func now() -> HostFootprint {
        var status = stat()
        let passwd =
            ((try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? "")
            + ((try? String(contentsOfFile: "/etc/group", encoding: .utf8)) ?? "")
        let names = Set(passwd.split(separator: "\n").compactMap { $0.split(separator: ":").first.map(String.init) })
        return HostFootprint(
            existing: Set(paths.filter { lstat($0, &status) == 0 }),
            accounts: Set(accounts.filter(names.contains)),
            catalogDatabase: lstat("/var/lib/systemd/catalog/database", &status) == 0
                ? "\(status.st_size) bytes, mtime \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)" : "absent")
    }
}
