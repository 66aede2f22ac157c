import Glibc
import Inbox
import Logging
import ReportValidation

/// Writes the overview page (`ROOT/index.html`) from the register: this year's reports, each agency of
/// the directory with its days to the deadline, and the year's totals (``OverviewHTML``).
///
/// The page is replaced atomically and left group-readable (0640), so the office reads it from the share
/// while it is rewritten. ``requestPublish()`` coalesces: at most one rewrite runs, and one more follows
/// if verdicts were recorded meanwhile, so a burst of batches costs a few rewrites, not one per batch.
package actor OverviewPublisher {
    /// What the page depends on besides the register; replaced on reload.
    package struct Settings: Sendable {
        package var language: Language
        package var directory: AgencyDirectory?
        package var deadlines: CollectionDeadlines
        /// The report year shown; nil: the year being collected, the one before today's (in China).
        package var year: Int?

        package init(
            language: Language = .zh, directory: AgencyDirectory? = nil, deadlines: CollectionDeadlines = .statutory,
            year: Int? = nil
        ) {
            self.language = language
            self.directory = directory
            self.deadlines = deadlines
            self.year = year
        }
    }

    /// The page's file name in the root.
    package static let fileName = "index.html"

    private let store: any RegisterStore
    private let folder: DirectoryHandle
    private let clock: any WallClock
    private let logger: Logger
    private var settings: Settings
    private var pending = false
    private var drain: Task<Void, Never>?
    /// Set while ``settled()`` waits: no pause before the last rewrite.
    private var settling = false

    /// - Parameters:
    ///   - folder: where `index.html` goes: the root of the share (accepted/ and rejected/ beside it).
    package init(
        store: any RegisterStore, folder: DirectoryHandle, settings: Settings, clock: any WallClock = SystemWallClock(),
        logger: Logger
    ) {
        self.store = store
        self.folder = folder
        self.settings = settings
        self.clock = clock
        self.logger = logger
    }

    /// Takes new settings (a reload); the next rewrite uses them.
    package func update(_ settings: Settings) {
        self.settings = settings
    }

    /// The page as it would be written now (counting days from `today` when given, else from the clock's day).
    package func page(today given: CivilDate? = nil) async throws -> String {
        let now = clock.now()
        let today = given ?? CivilDate(epochMicroseconds: now.nanosecondsSinceEpoch / 1000)
        let year = settings.year ?? today.year - 1
        let records = try await store.reports(year: year)
        let overview = Overview(
            year: year, today: today, directory: settings.directory, submissions: records.map(OfficeSubmission.init),
            deadlines: settings.deadlines, generated: Self.shown(now))
        return OverviewHTML(language: settings.language).render(overview)
    }

    /// Reads the register and replaces `name` (by default `index.html`) in the folder once, now.
    package func publish(as name: String = OverviewPublisher.fileName, today: CivilDate? = nil) async throws {
        let page = try await page(today: today)
        try folder.replaceFile(FileName(name), contents: Array(page.utf8), mode: 0o640)
    }

    /// Asks for a rewrite after a batch was recorded; returns at once. A failure is logged, never thrown:
    /// the page is a view, intake goes on without it, and the next batch tries again.
    package func requestPublish() {
        pending = true
        guard drain == nil else { return }
        drain = Task { await self.drainRequests() }
    }

    /// Waits until no rewrite is running or asked for (tests, and a clean stop); a rewrite asked for is
    /// written now, without the pause between rewrites.
    package func settled() async {
        settling = true
        while let drain { await drain.value }
        settling = false
    }

    /// During a burst, the next rewrite waits this many times as long as the last one took, and at least
    /// ``minimumPause``: the page then costs at most a tenth of a CPU. A rewrite reads the whole year from the
    /// register (seconds for tens of thousands of reports): one after each batch would keep a CPU of a
    /// 2-core machine and the register busy for the whole burst. The first rewrite after a quiet spell is at once.
    static let pauseFactor = 9
    static let minimumPause = Duration.seconds(2)

    private func drainRequests() async {
        var last: Duration?
        while pending {
            let resume = ContinuousClock.now + (last.map { max(Self.minimumPause, $0 * Self.pauseFactor) } ?? .zero)
            while !settling, ContinuousClock.now < resume, (try? await Task.sleep(for: .milliseconds(100))) != nil {}
            pending = false
            let started = ContinuousClock.now
            defer { last = ContinuousClock.now - started }
            do {
                try await publish()
                logger.debug("overview page written", metadata: ["nianbao_path": "\(folder.path)/\(Self.fileName)"])
            } catch {
                logger.warning(
                    "overview page not written: \(error)", metadata: ["nianbao_path": "\(folder.path)/\(Self.fileName)"])
            }
        }
        drain = nil
    }

    /// `2027-01-20 10:15 (UTC+8)`.
    static func shown(_ time: WallTime) -> String {
        let china = WallTime(nanosecondsSinceEpoch: time.nanosecondsSinceEpoch + 8 * 3_600_000_000_000).rfc3339
        return String(china.prefix(10)) + " " + String(china.dropFirst(11).prefix(5)) + " (UTC+8)"
    }
}
