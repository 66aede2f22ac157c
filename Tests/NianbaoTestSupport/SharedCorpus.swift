import Foundation
import Testing

/// The real reports in `../shared/corpus` (relative to the package root): on the development machines only,
/// never copied into the repository. Suites that read it skip visibly when it is absent (a user's clone).
public enum SharedCorpus {
    /// `<package root>/../shared/corpus`.
    public static let folder = BuiltNianbao.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    /// Whether the corpus is there.
    public static var available: Bool { FileManager.default.fileExists(atPath: folder.path) }

    /// Why corpus suites are skipped, for `.enabled(if: SharedCorpus.available, SharedCorpus.skipReason)`.
    public static let skipReason: Comment = "../shared/corpus is absent (a user's clone): corpus tests skipped"

    /// The corpus's file names, sorted.
    public static var files: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() }
}
